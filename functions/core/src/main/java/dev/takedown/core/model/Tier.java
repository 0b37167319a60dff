package dev.takedown.core.model;

/** A rightholder's standing as a sender of notices. */
public enum Tier {
    STANDARD,
    /** Granted by staff to an eligible sender: the priority lane and its items reviewed first; every check still applies. */
    TRUSTED,
    /** Sent too many unfounded notices: new notices are refused until the suspension ends. */
    SUSPENDED
}
