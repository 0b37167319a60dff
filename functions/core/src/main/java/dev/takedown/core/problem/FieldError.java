package dev.takedown.core.problem;

/** One bad input, named by its JSON path (e.g. {@code items[3].url}) or header name. */
public record FieldError(String field, String message) {
}
