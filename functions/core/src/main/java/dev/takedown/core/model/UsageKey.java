package dev.takedown.core.model;

/**
 * The gateway's API key that meters one principal's requests on the usage plan of its rate plan, apart from every
 * other principal's: its id (to move it between plans) and its value (what the authorizer names). Callers never see
 * it; the value is kept as secret as an API key, so it is left out of {@link #toString()} and never logged.
 */
public record UsageKey(String id, String value) {
    @Override
    public String toString() {
        return "UsageKey[id=" + id + "]";
    }
}
