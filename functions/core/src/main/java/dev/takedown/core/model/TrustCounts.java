package dev.takedown.core.model;

/**
 * A rightholder's record over some days: items decided on their merits (ACTIONED or REJECTED), of them actioned,
 * rejected as unfounded, and reversed by a successful counter-notice.
 */
public record TrustCounts(long decided, long actioned, long unfounded, long reversed) {
    public static final TrustCounts NONE = new TrustCounts(0, 0, 0, 0);

    public TrustCounts plus(TrustCounts other) {
        return new TrustCounts(decided + other.decided, actioned + other.actioned, unfounded + other.unfounded,
                reversed + other.reversed);
    }

    public boolean isEmpty() {
        return decided == 0 && actioned == 0 && unfounded == 0 && reversed == 0;
    }

    /** "92 items decided, 91 actioned, 1 unfounded, 0 reversed" */
    public String describe() {
        return decided + " items decided, " + actioned + " actioned, " + unfounded + " unfounded, " + reversed
                + " reversed by counter-notice";
    }
}
