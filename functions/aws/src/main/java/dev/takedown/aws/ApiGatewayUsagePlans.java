package dev.takedown.aws;

import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.UsagePlans;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

/**
 * The API's usage plans in API Gateway, one for each rate plan, and the API keys that meter principals on them.
 * API Gateway lets a key be on one usage plan of a stage only, so a key is taken off every other plan (already off:
 * {@code NotFoundException}) before it joins its own (already on: {@code ConflictException}); either call done
 * again changes nothing.
 */
public final class ApiGatewayUsagePlans implements UsagePlans {
    private final ApiGatewayClient apiGateway;
    private final Map<RatePlan, String> usagePlanIds;

    /** {@code usagePlanIds}: the id of every rate plan's usage plan. */
    public ApiGatewayUsagePlans(ApiGatewayClient apiGateway, Map<RatePlan, String> usagePlanIds) {
        for (RatePlan plan : RatePlan.values()) {
            if (usagePlanIds.get(plan) == null) {
                throw new IllegalArgumentException("no usage plan for the rate plan " + plan);
            }
        }
        this.apiGateway = apiGateway;
        this.usagePlanIds = new EnumMap<>(usagePlanIds);
    }

    /** Named after the principal, so that the console tells whose a key is; API Gateway makes its value. */
    @Override
    public UsageKey createKey(Principal principal) {
        CreateApiKeyResponse created = apiGateway.createApiKey(r -> r
                .name(principal.kind().name().toLowerCase() + ":" + principal.id())
                .description("Meters this principal's requests on its rate plan; named by the authorizer only.")
                .enabled(true));
        return new UsageKey(created.id(), created.value());
    }

    @Override
    public void meter(String keyId, RatePlan plan) {
        usagePlanIds.forEach((other, usagePlanId) -> {
            if (other != plan) {
                try {
                    apiGateway.deleteUsagePlanKey(r -> r.usagePlanId(usagePlanId).keyId(keyId));
                } catch (NotFoundException notOnThatPlan) {
                    // Off it already.
                }
            }
        });
        try {
            apiGateway.createUsagePlanKey(r -> r.usagePlanId(usagePlanIds.get(plan)).keyId(keyId).keyType("API_KEY"));
        } catch (ConflictException onItAlready) {
            // A retry of a move that got this far.
        }
    }
}
