package dev.takedown.core.trust;

import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.ports.TrustRecordStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A rightholder's record over the rules' window, and where it stands against TRUSTED, as the rules judge it now. It
 * only reads, so that the rules, staff and the rightholder itself all see the same record.
 */
public final class TrustStandings {
    private final TrustRecordStore records;
    private final TrustPolicy policy;

    public TrustStandings(TrustRecordStore records, TrustPolicy policy) {
        this.records = records;
        this.policy = policy;
    }

    /** The counts of the window's days, {@code from} to {@code to} (today, UTC), both included. */
    public record Record(LocalDate from, LocalDate to, TrustCounts counts) {
    }

    /**
     * A rightholder's trust and record; against TRUSTED ({@link TrustRules#againstTrusted}), and the TRUSTED bar in
     * words ({@link TrustRules#trustedBar}).
     */
    public record Standing(RightholderTrust trust, Record record, TrustRules.Eligibility againstTrusted,
                           List<String> trustedBar) {
    }

    public TrustPolicy policy() {
        return policy;
    }

    /** The record the rules look at: the window ending today. */
    public Record recordOf(String rightholderId, Instant now) {
        LocalDate from = TrustRules.windowStart(now, policy);
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new Record(from, to, records.counts(rightholderId, from, to));
    }

    public Standing standing(String rightholderId, RightholderTrust trust, Instant now) {
        Record record = recordOf(rightholderId, now);
        return new Standing(trust, record, TrustRules.againstTrusted(trust, record.counts(), now, policy),
                TrustRules.trustedBar(record.counts(), policy));
    }
}
