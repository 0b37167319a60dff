package dev.takedown.local;

/** The seed file is not valid; the message names the entry and the field. */
public final class SeedException extends RuntimeException {
    public SeedException(String message) {
        super(message);
    }
}
