package dev.takedown.architecture.cyclic.verify;

import dev.takedown.architecture.cyclic.model.Holder;

/** A feature's rule over the model, which is how the dependency should run. */
public record Check(String rule) {
    public boolean passes(Holder holder) {
        return holder.id() != null;
    }
}
