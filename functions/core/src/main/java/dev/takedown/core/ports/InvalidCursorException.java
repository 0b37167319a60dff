package dev.takedown.core.ports;

/** A pagination cursor that this store did not hand out, or that belongs to another listing. */
public class InvalidCursorException extends RuntimeException {
    public InvalidCursorException(String message) {
        super(message);
    }
}
