package dev.takedown.core.model;

/** How a completed notice ended: its actioned items out of the actionable ones (actioned or rejected). */
public enum NoticeOutcome {
    ALL,
    PARTIAL,
    NONE;

    public static NoticeOutcome of(int actioned, int actionable) {
        if (actioned == 0) {
            return NONE;
        }
        return actioned == actionable ? ALL : PARTIAL;
    }
}
