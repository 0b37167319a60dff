package dev.takedown.core.model;

/** Whether platform staff have verified a right; only VERIFIED rights can back a notice. */
public enum RightStatus {
    PENDING,
    VERIFIED,
    REJECTED,
    REVOKED
}
