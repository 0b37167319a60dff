package dev.takedown.local;

import dev.takedown.aws.DynamoApiKeyStore;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.DynamoWebhookSecretStore;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.WebhookSecretStore;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Writes a seed through the functions' own stores; writing it again changes nothing. A rightholder or seller
 * whose secret the seed does not give gets a new one the first time, and keeps it.
 */
final class Seeder {
    private Seeder() {
    }

    static void load(Seed seed, DynamoDbClient dynamo, Template template) {
        var rightholders = new DynamoRightholderStore(dynamo, table(template, "RightholdersTable"));
        var apiKeys = new DynamoApiKeyStore(dynamo, table(template, "ApiKeysTable"));
        var secrets = new DynamoWebhookSecretStore(dynamo, table(template, "WebhookSecretsTable"));
        Instant now = Instant.now();
        for (Seed.SeededRightholder seeded : seed.rightholders()) {
            rightholders.put(seeded.rightholder());
            apiKeys.register(seeded.apiKey(), Principal.rightholder(seeded.rightholder().id()), now);
            secret(secrets, Target.RIGHTHOLDER, seeded.rightholder().id(), seeded.webhookSecret(), now);
        }
        if (!seed.rights().isEmpty()) {
            seed.rights().forEach(new DynamoRightStore(dynamo, table(template, "RightsTable"))::put);
        }
        if (!seed.sellers().isEmpty()) {
            var sellers = new DynamoSellerStore(dynamo, table(template, "SellersTable"));
            for (Seed.SeededSeller seeded : seed.sellers()) {
                sellers.put(seeded.seller());
                if (seeded.apiKey() != null) {
                    apiKeys.register(seeded.apiKey(), Principal.seller(seeded.seller().id()), now);
                }
                secret(secrets, Target.SELLER, seeded.seller().id(), seeded.webhookSecret(), now);
            }
        }
        if (!seed.listings().isEmpty()) {
            seed.listings().forEach(new DynamoListingStore(dynamo, table(template, "ListingsTable"))::put);
        }
    }

    private static void secret(DynamoWebhookSecretStore secrets, Target owner, String ownerId, String seeded,
                               Instant now) {
        if (seeded != null) {
            secrets.put(owner, ownerId, WebhookSecrets.of(seeded));
        } else {
            secrets.issue(owner, ownerId, Ids.webhookSecret(), "seed", now);
        }
    }

    /** The stack's webhook secrets, which the demo receiver checks signatures with; none without their table. */
    static WebhookSecretStore webhookSecrets(DynamoDbClient dynamo, Template template) {
        return template.table("WebhookSecretsTable")
                .<WebhookSecretStore>map(t -> new DynamoWebhookSecretStore(dynamo, t.logicalId()))
                .orElse((owner, ownerId) -> Optional.empty());
    }

    private static String table(Template template, String logicalId) {
        return template.table(logicalId)
                .orElseThrow(() -> new TemplateException("the seed needs the table " + logicalId
                        + ", which the template does not declare"))
                .logicalId();
    }
}
