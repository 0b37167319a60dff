package dev.takedown.core.model;

import java.time.Instant;

/**
 * What was done after an item's decision to contest or undo it: the seller's counter-notice, each party's complaint
 * (at most one each), the rightholder's withdrawal, and when and why the listing was put back. The decision itself
 * (the takedown and its statement of reasons) stays on the item.
 */
public record Redress(CounterNotice counterNotice, Complaint rightholderComplaint, Complaint sellerComplaint,
                      Withdrawal withdrawal, Restoration restoration) {

    public static final Redress NONE = new Redress(null, null, null, null, null);

    /** The rightholder took the notice, or some of its items, back. */
    public record Withdrawal(Instant at, String reason) {
    }

    /** Why a takedown was undone. */
    public enum Cause {
        COUNTER_NOTICE_ACCEPTED,
        COUNTER_NOTICE_UNANSWERED,
        NOTICE_WITHDRAWN,
        COMPLAINT_REVERSED
    }

    /**
     * A takedown undone: when, why, and whether the listing itself came back ({@code listingActive} is false when
     * something else still holds it down, such as its seller's suspension).
     */
    public record Restoration(Instant at, Cause cause, boolean listingActive) {
    }

    public Complaint complaintOf(Party party) {
        return party == Party.RIGHTHOLDER ? rightholderComplaint : sellerComplaint;
    }

    /** The complaint waiting for staff, if any (one at a time: each party complains about a different decision). */
    public Complaint openComplaint() {
        if (rightholderComplaint != null && rightholderComplaint.open()) {
            return rightholderComplaint;
        }
        return sellerComplaint != null && sellerComplaint.open() ? sellerComplaint : null;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public Redress withCounterNotice(CounterNotice value) {
        return new Redress(value, rightholderComplaint, sellerComplaint, withdrawal, restoration);
    }

    public Redress withComplaint(Complaint value) {
        return value.from() == Party.RIGHTHOLDER
                ? new Redress(counterNotice, value, sellerComplaint, withdrawal, restoration)
                : new Redress(counterNotice, rightholderComplaint, value, withdrawal, restoration);
    }

    public Redress withWithdrawal(Withdrawal value) {
        return new Redress(counterNotice, rightholderComplaint, sellerComplaint, value, restoration);
    }

    public Redress withRestoration(Restoration value) {
        return new Redress(counterNotice, rightholderComplaint, sellerComplaint, withdrawal, value);
    }
}
