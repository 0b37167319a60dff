package dev.takedown.core.model;

import java.time.LocalDate;
import java.util.List;

/** A registered right (trademark, copyright, design or patent) held by one rightholder. */
public record Right(
        String id,
        String rightholderId,
        RightType type,
        String mark,
        String registrationNumber,
        String jurisdiction,
        RightStatus status,
        LocalDate validUntil,
        List<String> authorizedSellers) {

    public Right {
        authorizedSellers = authorizedSellers == null ? List.of() : List.copyOf(authorizedSellers);
    }

    /** A right with no end date never expires; one ending today is still valid today. */
    public boolean expiredOn(LocalDate day) {
        return validUntil != null && validUntil.isBefore(day);
    }
}
