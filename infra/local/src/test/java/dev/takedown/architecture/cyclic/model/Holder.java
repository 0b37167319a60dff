package dev.takedown.architecture.cyclic.model;

import dev.takedown.architecture.cyclic.verify.Check;

/** A model value that knows a feature's rule: the kind of back reference the architecture rules refuse. */
public record Holder(String id, Check lastCheck) {
}
