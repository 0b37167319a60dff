package dev.takedown.core.model;

import java.time.LocalDate;

/** The rightholder's answer to a counter-notice: it has taken the seller to court (DMCA 512(g)(2)(C)). */
public record LegalAction(String court, String caseNumber, LocalDate filedOn) {
}
