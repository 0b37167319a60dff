package dev.takedown.local;

import dev.takedown.aws.DynamoApiKeyStore;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Writes a seed through the functions' own stores; writing it again changes nothing. */
final class Seeder {
    private Seeder() {
    }

    static void load(Seed seed, DynamoDbClient dynamo, Template template) {
        var rightholders = new DynamoRightholderStore(dynamo, table(template, "RightholdersTable"));
        var apiKeys = new DynamoApiKeyStore(dynamo, table(template, "ApiKeysTable"));
        Instant now = Instant.now();
        for (Seed.SeededRightholder seeded : seed.rightholders()) {
            rightholders.put(seeded.rightholder());
            apiKeys.register(seeded.apiKey(), seeded.rightholder().id(), now);
        }
        if (!seed.rights().isEmpty()) {
            seed.rights().forEach(new DynamoRightStore(dynamo, table(template, "RightsTable"))::put);
        }
        if (!seed.sellers().isEmpty()) {
            seed.sellers().forEach(new DynamoSellerStore(dynamo, table(template, "SellersTable"))::put);
        }
        if (!seed.listings().isEmpty()) {
            seed.listings().forEach(new DynamoListingStore(dynamo, table(template, "ListingsTable"))::put);
        }
    }

    private static String table(Template template, String logicalId) {
        return template.table(logicalId)
                .orElseThrow(() -> new TemplateException("the seed needs the table " + logicalId
                        + ", which the template does not declare"))
                .logicalId();
    }
}
