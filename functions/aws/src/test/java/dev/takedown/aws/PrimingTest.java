package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.takedown.core.model.Ids;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

class PrimingTest {
    /** A checkpoint context that only remembers what registers with it. */
    private static final class Recording extends Context<Resource> {
        final List<Resource> registered = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            registered.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    }

    @Test
    void aFailingStepEndsThePrimingWithoutFailingTheCheckpoint() {
        Recording checkpoints = new Recording();
        List<String> ran = new ArrayList<>();
        Priming.register(checkpoints, "SomeFunction",
                () -> ran.add("first"),
                () -> {
                    throw new IllegalStateException("backend unreachable");
                },
                () -> ran.add("third"));

        assertThat(checkpoints.registered).hasSize(1);
        assertThatCode(() -> checkpoints.registered.get(0).beforeCheckpoint(checkpoints)).doesNotThrowAnyException();
        assertThat(ran).containsExactly("first");
    }

    @Test
    void aRestoreRenewsTheRandomGeneratorThatPrimingUsed() throws Exception {
        Recording checkpoints = new Recording();
        Priming.register(checkpoints, "SomeFunction", () -> Ids.notice(Instant.EPOCH));
        checkpoints.registered.get(0).beforeCheckpoint(checkpoints);
        Object snapshotted = generator();

        checkpoints.registered.get(0).afterRestore(checkpoints);

        assertThat(generator()).isNotSameAs(snapshotted);
    }

    private static Object generator() throws ReflectiveOperationException {
        Field random = Ids.class.getDeclaredField("random");
        random.setAccessible(true);
        return random.get(null);
    }
}
