package dev.takedown.core.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A function's configuration, read from environment variables. Functions get {@code System.getenv()} on
 * Lambda; the local stack passes the variables template.yaml declares, so both read the same names.
 */
public final class Env {
    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Objects.requireNonNull(variables);
    }

    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public int integer(String name, int fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " is not a whole number: " + value, e);
        }
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(optional(name, "false"));
    }
}
