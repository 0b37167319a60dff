package dev.takedown.core.model;

/**
 * A rightholder's record over some days: items decided on their merits (ACTIONED or REJECTED), of them actioned,
 * rejected as unfounded, and reversed by a successful counter-notice; and takedowns confirmed, which are what
 * eligibility for TRUSTED rests on.
 *
 * @param confirmed takedowns that stand: actioned by staff (counted on the day of the decision), or actioned
 *                  automatically and not contested when their dispute window closed (counted on the day it closes,
 *                  so not before). A takedown reversed later comes off the day it was counted on.
 */
public record TrustCounts(long decided, long actioned, long unfounded, long reversed, long confirmed) {
    public static final TrustCounts NONE = new TrustCounts(0, 0, 0, 0, 0);

    public TrustCounts plus(TrustCounts other) {
        return new TrustCounts(decided + other.decided, actioned + other.actioned, unfounded + other.unfounded,
                reversed + other.reversed, confirmed + other.confirmed);
    }

    public boolean isEmpty() {
        return decided == 0 && actioned == 0 && unfounded == 0 && reversed == 0 && confirmed == 0;
    }

    /** Items rejected, whoever rejected them and why. */
    public long rejected() {
        return decided - actioned;
    }

    /**
     * The decisions eligibility is judged on: takedowns confirmed, rejections and takedowns reversed. Automatic
     * takedowns whose dispute window is still open are not among them yet.
     */
    public long eligibilityBase() {
        return confirmed + rejected() + reversed;
    }
}
