package dev.takedown.core.ports;

import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;

/**
 * The gateway's usage plans, one for each rate plan, and the gateway keys that put a principal's requests on one of
 * them. A gateway key may be on one usage plan of the API only, so moving it takes it off the old plan before it
 * joins the new one: in between it meters on no plan, and the gateway refuses its requests rather than let them
 * through unthrottled.
 */
public interface UsagePlans {
    /** A new gateway key for the principal, on no usage plan yet. */
    UsageKey createKey(Principal principal);

    /** Puts the key on the plan's usage plan, having taken it off every other; done again, it changes nothing. */
    void meter(String keyId, RatePlan plan);
}
