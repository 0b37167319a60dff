package dev.takedown.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.model.ItemReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ListingLocatorTest {
    private final ListingLocator locator = new ListingLocator(ListingLocator.DEFAULT_PATTERNS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://market.example/item/1001, 1001, https://market.example/item/1001",
            "https://market.example/item/1001/, 1001, https://market.example/item/1001",
            "HTTPS://MARKET.EXAMPLE/item/1001, 1001, https://market.example/item/1001",
            "http://market.example/item/1001, 1001, https://market.example/item/1001",
            "https://market.example/item/1001?utm_source=mail&fbclid=abc, 1001, https://market.example/item/1001",
            "https://market.example/item/1001#reviews, 1001, https://market.example/item/1001",
            "https://market.example./item/1001, 1001, https://market.example/item/1001",
            "https://m.market.example/item/AB-12_x, AB-12_x, https://m.market.example/item/AB-12_x",
            "https://market.example/item.htm?id=1003, 1003, https://market.example/item.htm?id=1003",
            "https://market.example/item.htm?spm=a1.b2&id=1003&scm=x, 1003, https://market.example/item.htm?id=1003",
            "https://market.example/item.htm/?id=1003, 1003, https://market.example/item.htm?id=1003",
            "'  https://market.example/item/1001  ', 1001, https://market.example/item/1001",
            "https://market.example:443/item/1001, 1001, https://market.example/item/1001",
            "https://market.example/item.htm?ID=1003, 1003, https://market.example/item.htm?id=1003",
    })
    void recognisesAndNormalisesListingUrls(String url, String listingId, String normalised) {
        ListingLocator.Located located = locator.locate(url);
        assertThat(located.found()).isTrue();
        assertThat(located.listingId()).isEqualTo(listingId);
        assertThat(located.normalizedUrl()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://other-shop.example/item/1001, OFF_PLATFORM",
            "https://market.example.evil.example/item/1001, OFF_PLATFORM",
            "https://www.market.example/item/1001, OFF_PLATFORM",
            "ftp://market.example/item/1001, INVALID_URL",
            "javascript:alert(1), INVALID_URL",
            "not a url, INVALID_URL",
            "market.example/item/1001, INVALID_URL",
            "https://user:pw@market.example/item/1001, INVALID_URL",
            "https://market.example/shop/1001, INVALID_URL",
            "https://market.example/item/, INVALID_URL",
            "https://market.example/item/10/01, INVALID_URL",
            "https://market.example/item.htm?sku=1003, INVALID_URL",
            "https://market.example/item/%3Cscript%3E, INVALID_URL",
            "https://[::1/item/1, INVALID_URL",
            "https://market.example:8443/item/1001, INVALID_URL",
    })
    void rejectsWhatIsNotAListingOfThisMarketplace(String url, ItemReason reason) {
        ListingLocator.Located located = locator.locate(url);
        assertThat(located.found()).isFalse();
        assertThat(located.rejection()).isEqualTo(reason);
    }

    @Test
    void patternsAreConfigurable() {
        ListingLocator custom = new ListingLocator("https://shop.example/p/{id}, https://shop.example/view?pid={id}");
        assertThat(custom.locate("https://shop.example/p/9").listingId()).isEqualTo("9");
        assertThat(custom.locate("https://shop.example/view?pid=10").listingId()).isEqualTo("10");
        assertThat(custom.locate("https://market.example/item/1").rejection()).isEqualTo(ItemReason.OFF_PLATFORM);
    }

    @Test
    void refusesPatternsWithoutAnId() {
        assertThatThrownBy(() -> new ListingLocator("https://shop.example/p/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingLocator(" , ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingLocator("https://shop.example/{id}/reviews"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
