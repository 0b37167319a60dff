package dev.takedown.core.ports;

import dev.takedown.core.model.Figures;
import java.time.LocalDate;

/**
 * The transparency figures by UTC day: the platform's, and each rightholder's of its own notices. Figures are added
 * when the events they count happen, once for a batch of them, so that a report over any period is a few reads and
 * never a scan of the notices.
 */
public interface FiguresStore {
    /**
     * Adds to one day's figures of the platform and, unless {@code rightholderId} is null (a seller's standing, a
     * strike), of that rightholder: one atomic write each.
     */
    void add(String rightholderId, LocalDate day, Figures delta);

    /** The platform's figures summed over the days from {@code from} to {@code to}, both included. */
    Figures platform(LocalDate from, LocalDate to);

    /** The rightholder's figures summed over the days from {@code from} to {@code to}, both included. */
    Figures rightholder(String rightholderId, LocalDate from, LocalDate to);
}
