package dev.takedown.core.model;

/**
 * How far a notice's verification has come: of the {@code toVerify} items queued at intake, how many are
 * settled (NEEDS_REVIEW is not), and of those how many were actioned or were actionable (actioned or rejected).
 */
public record Progress(int toVerify, int settled, int actioned, int actionable) {
    public static Progress start(int toVerify) {
        return new Progress(toVerify, 0, 0, 0);
    }

    public int open() {
        return toVerify - settled;
    }

    public boolean allSettled() {
        return settled >= toVerify;
    }
}
