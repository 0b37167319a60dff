package dev.takedown.core.problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: what went wrong, for which fields, and what status it maps to.
 *
 * @param extensions further members of the problem object, such as when a suspension ends
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      Map<String, String> extensions) {
    private static final String BASE = "https://takedown.dev/problems/";

    public Problem {
        errors = List.copyOf(errors);
        extensions = Map.copyOf(extensions);
    }

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, Map.of());
    }

    /** The sender is suspended for abusive notices (EU DSA Art. 23): nothing is accepted before {@code until}. */
    public static Problem notifierSuspended(Instant until) {
        return new Problem(BASE + "notifier-suspended", "Notifier suspended", 403,
                "Your notices are refused until " + until + ": over the last period too many of your notices were"
                        + " found unfounded, and a warning was sent. Reading your notices still works.",
                List.of(), Map.of("suspendedUntil", until.toString()));
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(BASE + "invalid-request", "Invalid request", 400, detail, errors);
    }

    public static Problem unprocessable(String detail, List<FieldError> errors) {
        return new Problem(BASE + "unprocessable-notice", "Notice cannot be accepted", 422, detail, errors);
    }

    public static Problem tooLarge(String detail, List<FieldError> errors) {
        return new Problem(BASE + "payload-too-large", "Payload Too Large", 413, detail, errors);
    }

    public static Problem notFound(String detail) {
        return new Problem(BASE + "not-found", "Not Found", 404, detail, List.of());
    }

    public static Problem methodNotAllowed(String detail) {
        return new Problem(BASE + "method-not-allowed", "Method Not Allowed", 405, detail, List.of());
    }

    public static Problem unauthorized(String detail) {
        return new Problem(BASE + "unauthorized", "Unauthorized", 401, detail,
                List.of(new FieldError("Authorization", "missing, malformed or unknown API key")));
    }

    public static Problem idempotencyConflict(String detail) {
        return new Problem(BASE + "idempotency-key-in-use", "Request in progress", 409, detail,
                List.of(new FieldError("Idempotency-Key", "a request with this key is still being processed")));
    }

    public static Problem idempotencyMismatch(String detail) {
        return new Problem(BASE + "idempotency-key-reused", "Idempotency key reused", 422, detail,
                List.of(new FieldError("Idempotency-Key", "already used with a different request body")));
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(BASE + "unsupported-media-type", "Unsupported Media Type", 415, detail,
                List.of(new FieldError("Content-Type",
                        "must be application/json, with no parameter but an optional charset=utf-8")));
    }

    public static Problem unavailable(String detail) {
        return new Problem(BASE + "service-unavailable", "Service Unavailable", 503, detail, List.of());
    }
}
