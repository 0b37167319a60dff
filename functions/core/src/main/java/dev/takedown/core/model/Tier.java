package dev.takedown.core.model;

/** A rightholder's standing as a sender of notices. */
public enum Tier {
    STANDARD,
    /** A good record: lighter checks, automatic action, the priority lane. */
    TRUSTED,
    /** Sent too many unfounded notices: new notices are refused until the suspension ends. */
    SUSPENDED
}
