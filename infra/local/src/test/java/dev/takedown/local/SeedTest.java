package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.RightStatus;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeedTest {

    @Test
    void readsTheDefaultSeed() {
        Seed seed = Seed.load(ProjectTemplate.ROOT.resolve("infra/local/seed.json"));
        assertThat(seed.rightholders()).extracting(r -> r.rightholder().id()).containsExactly("acme", "globex");
        assertThat(seed.rightholders().get(0).apiKey()).isEqualTo("tdk_demo_acme_0123456789abcdefghijklmnopqrstuvw");
        assertThat(seed.rightholders().get(0).webhookSecret()).startsWith("whsec_");
        assertThat(seed.rights()).filteredOn(r -> r.id().equals("tm-acme-old")).singleElement()
                .satisfies(r -> assertThat(r.expiredOn(LocalDate.now())).isTrue());
        assertThat(seed.rights()).filteredOn(r -> r.id().equals("tm-acme-eu")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RightStatus.PENDING));
        assertThat(seed.sellers()).hasSize(3);
        assertThat(seed.sellers()).filteredOn(s -> s.seller().id().equals("seller-fake")).singleElement()
                .satisfies(s -> assertThat(s.apiKey()).isEqualTo("tdk_demo_sellerfake_0123456789abcdefghijklmnopq"));
        assertThat(seed.listings()).hasSize(10).anyMatch(l -> l.status() == ListingStatus.REMOVED);
    }

    @Test
    void aSellerMayNameItsWebhookSecretButNeverOneAnotherAlsoHas() {
        Seed seed = Seed.parse("""
                {"sellers": [{"id": "s", "name": "S", "webhookSecret": "whsec_c2VsbGVyLXNlY3JldA=="},
                             {"id": "t", "name": "T"}]}""", "seed.json");
        assertThat(seed.sellers()).extracting(Seed.SeededSeller::webhookSecret)
                .containsExactly("whsec_c2VsbGVyLXNlY3JldA==", null);

        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "webhookSecret": "whsec_c2VsbGVyLXNlY3JldA=="},
                             {"id": "t", "name": "T", "webhookSecret": "whsec_c2VsbGVyLXNlY3JldA=="}]}""",
                "the webhookSecrets of rightholders and sellers has \"whsec_c2VsbGVyLXNlY3JldA==\" twice");
        assertRejected("""
                {"rightholders": [{"id": "a", "name": "A", "email": "a@x", "apiKey": "tdk_demo_a_0123456789abcdefghijklmnopqrstuvwxyz",
                                   "webhookSecret": "whsec_c2VsbGVyLXNlY3JldA=="}],
                 "sellers": [{"id": "s", "name": "S", "webhookSecret": "whsec_c2VsbGVyLXNlY3JldA=="}]}""",
                "has \"whsec_c2VsbGVyLXNlY3JldA==\" twice");
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "webhookSecret": "secret"}]}""",
                "sellers[0] (id \"s\"): field \"webhookSecret\" must be whsec_ and the base64 of the key bytes");
    }

    @Test
    void aSellerMayHaveAnApiKeyOfTheIssuedShapeThatNoOneElseHas() {
        Seed seed = Seed.parse("""
                {"sellers": [{"id": "s", "name": "S", "apiKey": "tdk_demo_s_0123456789abcdefghijklmnopqrstuvwxyz"},
                             {"id": "t", "name": "T"}]}""", "seed.json");
        assertThat(seed.sellers()).extracting(Seed.SeededSeller::apiKey)
                .containsExactly("tdk_demo_s_0123456789abcdefghijklmnopqrstuvwxyz", null);

        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "apiKey": "tdk_short"}]}""",
                "sellers[0] (id \"s\"): field \"apiKey\" is not of the issued shape");
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "apiKey": 47}]}""",
                "sellers[0] (id \"s\"): field \"apiKey\" must be a string");
        assertRejected("""
                {"rightholders": [{"id": "a", "name": "A", "email": "a@x", "apiKey": "tdk_demo_a_0123456789abcdefghijklmnopqrstuvwxyz"}],
                 "sellers": [{"id": "s", "name": "S", "apiKey": "tdk_demo_a_0123456789abcdefghijklmnopqrstuvwxyz"}]}""",
                "the apiKeys of rightholders and sellers has \"tdk_demo_a_0123456789abcdefghijklmnopqrstuvwxyz\" twice");
    }

    @Test
    void namesTheEntryAndFieldThatIsMissing() {
        assertRejected("""
                {"rightholders": [{"id": "acme", "name": "Acme", "apiKey": "tdk_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"}]}""",
                "rightholders[0] (id \"acme\"): field \"email\" is missing");
    }

    @Test
    void rejectsWrongValues() {
        assertRejected("""
                {"rightholders": [{"id": "a", "name": "A", "email": "a@x", "apiKey": "tdk_short"}]}""",
                "rightholders[0] (id \"a\"): field \"apiKey\" is not of the issued shape");
        assertRejected("""
                {"rightholders": [{"id": "a", "name": "A", "email": "a@x", "apiKey": "tdk_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"}],
                 "rights": [{"id": "r", "rightholderId": "a", "type": "BRAND", "mark": "A", "status": "VERIFIED"}]}""",
                "rights[0] (id \"r\"): field \"type\" \"BRAND\" is not one of [TRADEMARK, COPYRIGHT, DESIGN, PATENT]");
        assertRejected("""
                {"rightholders": [{"id": "a", "name": "A", "email": "a@x", "apiKey": "tdk_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"}],
                 "rights": [{"id": "r", "rightholderId": "a", "type": "TRADEMARK", "mark": "A", "status": "VERIFIED",
                             "validUntil": "31/12/2030"}]}""",
                "rights[0] (id \"r\"): field \"validUntil\" \"31/12/2030\" is not a date (yyyy-mm-dd)");
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "callbackUrl": "not a url"}]}""",
                "sellers[0] (id \"s\"): field \"callbackUrl\"");
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S", "phone": "123"}]}""",
                "sellers[0] (id \"s\"): unknown field \"phone\"");
        assertRejected("""
                {"listings": [{"id": 1001, "sellerId": "s", "title": "T", "status": "ACTIVE"}]}""",
                "listings[0]: field \"id\" must be a string");
    }

    @Test
    void rejectsReferencesToMissingEntries() {
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S"}],
                 "listings": [{"id": "1", "sellerId": "nobody", "title": "T", "status": "ACTIVE"}]}""",
                "listings[0] (id \"1\"): field \"sellerId\": no seller \"nobody\"");
        assertRejected("""
                {"rights": [{"id": "r", "rightholderId": "ghost", "type": "TRADEMARK", "mark": "A", "status": "VERIFIED"}]}""",
                "rights[0] (id \"r\"): field \"rightholderId\": no rightholder \"ghost\"");
    }

    @Test
    void rejectsDuplicatesAndUnknownSections() {
        assertRejected("""
                {"sellers": [{"id": "s", "name": "S"}, {"id": "s", "name": "T"}]}""", "sellers has \"s\" twice");
        assertRejected("""
                {"buyers": []}""", "unknown section \"buyers\"");
        assertRejected("[", "is not valid JSON");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> Seed.parse(json, "seed.json"))
                .isInstanceOf(SeedException.class)
                .hasMessageStartingWith("seed.json: ")
                .hasMessageContaining(message);
    }
}
