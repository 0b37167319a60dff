package dev.takedown.core.redress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.ProblemException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values of a fixed form are taken exactly as sent, as the OpenAPI document's enums, patterns and formats say. */
class RedressRequestsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-31");
    private static final String WHITE_SPACE = "must not start or end with white space";

    @Test
    void aResponseOrAFilingDayWithWhiteSpaceAroundItIsRefusedNamingTheField() {
        assertThat(refused(() -> RedressRequests.response("{\"response\": \" ACCEPT\"}", TODAY)))
                .containsExactly(new FieldError("response", WHITE_SPACE));
        assertThat(refused(() -> RedressRequests.response("{\"response\": \"LEGAL_ACTION\", \"court\": \"N.D. Cal.\","
                + " \"caseNumber\": \"5:26-cv-1\", \"filedOn\": \"2026-12-1 \"}", TODAY)))
                .containsExactly(new FieldError("filedOn", WHITE_SPACE));
    }

    @Test
    void aCounterNoticesGroundsEmailOrEvidenceDigestWithWhiteSpaceAroundItIsRefused() {
        String body = "{\"grounds\": \"GENUINE_GOODS \", \"statement\": \"Bought from ACME.\", \"evidence\": [{\"url\":"
                + " \" https://files.example/invoice.pdf\", \"sha256\": \"" + "a".repeat(63) + " \", \"kind\":"
                + " \"DOCUMENT\"}], \"contact\": {\"name\": \"Sam Seller\", \"email\": \" sam@seller.example\","
                + " \"address\": \"  1 Market St\", \"phone\": \"+1 555 0100\"}, \"declarations\": {\"goodFaith\": true,"
                + " \"underPenaltyOfPerjury\": true, \"consentToJurisdiction\": true}, \"signature\": \" Sam Seller\"}";

        assertThat(refused(() -> RedressRequests.counterNotice(body))).containsExactly(
                new FieldError("grounds", WHITE_SPACE), new FieldError("evidence[0].url", WHITE_SPACE),
                new FieldError("evidence[0].sha256", WHITE_SPACE), new FieldError("contact.email", WHITE_SPACE));
    }

    @Test
    void freeTextIsStillTrimmed() {
        RedressRequests.ComplaintFiling filing = RedressRequests.complaint("{\"explanation\": \"  Our own brand. \"}");

        assertThat(filing.explanation()).isEqualTo("Our own brand.");
    }

    private static List<FieldError> refused(Runnable parse) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, parse::run);
        assertThat(problem).isNotNull();
        assertThat(problem.problem().status()).isEqualTo(400);
        return problem.problem().errors();
    }
}
