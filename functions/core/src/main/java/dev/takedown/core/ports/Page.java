package dev.takedown.core.ports;

import java.util.List;

/** One page of results and the opaque cursor to the next one, or null at the end. */
public record Page<T>(List<T> entries, String nextCursor) {
    public Page {
        entries = List.copyOf(entries);
    }
}
