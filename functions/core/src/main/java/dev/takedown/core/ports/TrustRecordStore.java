package dev.takedown.core.ports;

import dev.takedown.core.model.TrustCounts;
import java.time.LocalDate;

/**
 * Rightholders' records, by UTC day: what the trust rules judge. Kept apart from {@link TrustStore} for those that
 * only read a record, such as a rightholder reading its own.
 */
public interface TrustRecordStore {
    /** The rightholder's counts summed over the days from {@code from} to {@code to}, both included. */
    TrustCounts counts(String rightholderId, LocalDate from, LocalDate to);
}
