package dev.takedown.core.ports;

/** A backing service (database, queue) failed or is unreachable: worth a retry, not the caller's fault. */
public class DependencyException extends RuntimeException {
    public DependencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
