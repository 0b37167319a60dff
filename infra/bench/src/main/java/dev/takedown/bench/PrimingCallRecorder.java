package dev.takedown.bench;

import dev.takedown.aws.PrimingReplay;
import dev.takedown.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client of the JVMs {@link PrimingRecorder} starts (a global interceptor file of its own):
 * appends each call the clients make, named as {@link PrimingReplay#call} names it, with the answer's status and
 * body, as one JSON line to the file the system property {@value #FILE_PROPERTY} names. It runs there with the
 * deployment jar only, so it uses nothing the functions do not have.
 */
public final class PrimingCallRecorder implements ExecutionInterceptor {
    static final String FILE_PROPERTY = "takedown.priming.record";

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        String file = System.getProperty(FILE_PROPERTY);
        try {
            byte[] body = context.responseBody().isPresent() ? context.responseBody().get().readAllBytes() : new byte[0];
            String call = PrimingReplay.call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    context.request(), System.getenv());
            String line = Json.write(Json.object().put("call", call).put("status", context.httpResponse().statusCode())
                    .put("answer", new String(body, StandardCharsets.UTF_8))) + "\n";
            synchronized (PrimingCallRecorder.class) {
                Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return Optional.of(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
