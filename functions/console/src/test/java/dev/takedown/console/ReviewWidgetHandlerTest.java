package dev.takedown.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Sender;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReviewService;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.verify.VerificationService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The widget driven by the dashboard's events (events/review-widget-*.json) against the in-memory stores. */
class ReviewWidgetHandlerTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:ReviewWidgetFunction";
    private static final String HOSTILE_TITLE = "<img src=x onerror=alert(1)> Drill \"pro\"";
    private static final Pattern ACTION = Pattern.compile(
            "<a class=\"[^\"]*\">([^<]*)</a><cwdb-action action=\"call\" display=\"widget\" endpoint=\"([^\"]*)\"[^>]*>([^<]*)</cwdb-action>");

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore()
            .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1008", "seller-honest", "Cordless drill, 18 V", "Honest Tools", ListingStatus.ACTIVE))
            .with(new Listing("1009", "seller-honest", HOSTILE_TITLE, "Honest Tools", ListingStatus.ACTIVE));
    private final InMemoryRightStore rights = new InMemoryRightStore(Fixtures.RIGHTS);
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final InMemoryTrustStore trustStore = new InMemoryTrustStore(rightholders);
    private final TrustService trust = new TrustService(trustStore, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    private final DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications, trust);
    private final Clock clock = Clock.offset(Fixtures.clock(), Duration.ofHours(3));
    private final RedressService redress = new RedressService(notices, listings, rights, rightholders, trustStore,
            recorder, new RedressFollowUp(notices, listings, trustStore, audit, notifications, trust,
                    new SellerStandings(trustStore, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore())),
            RedressPolicy.DEFAULTS, new InMemoryFiguresStore(), clock);
    private final ReviewWidgetHandler handler = new ReviewWidgetHandler(
            new ReviewService(notices, rights, listings, rightholders, recorder, clock),
            new ComplaintStaffService(redress, notices), notices, rights, listings, clock);
    private String noticeId;
    private final String laterNoticeId = "ntc_01kb6s8mz0q5w4e3r2t1y0x9zc";

    /** The sample events' notice (1001 actioned, 1008 waiting), then a later one whose listing title is hostile. */
    @BeforeEach
    void twoItemsWaitForReview() throws Exception {
        noticeId = Json.parse(Events.load("review-widget-decide-item.json")).path("noticeId").asText();
        store(noticeId, List.of(new Evidence("https://evidence.acme.example/1008.png", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                EvidenceKind.SCREENSHOT), new Evidence("javascript:alert(1)", null, EvidenceKind.OTHER)),
                "Counterfeit ACME goods.", List.of(NoticeItem.open(0, "https://market.example/item/1001", "1001"),
                        NoticeItem.open(1, "https://market.example/item/1008", "1008")), Fixtures.NOW);
        store(laterNoticeId, List.of(), "</textarea><script>alert(1)</script>",
                List.of(NoticeItem.open(0, "https://market.example/item/1009", "1009")), Fixtures.NOW.plusSeconds(60));
    }

    private void store(String id, List<Evidence> evidence, String explanation, List<NoticeItem> items, Instant at) {
        notices.saveNew(new Notice(id, "acme", "tm-acme-us", NoticeReason.COUNTERFEIT, explanation,
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", evidence, NoticeStatus.RECEIVED, at,
                items.size(), Progress.start(items.size()), null, null, false), items);
        new VerificationService(notices, rights, rightholders, listings, recorder, Clock.fixed(at, java.time.ZoneOffset.UTC))
                .verify(id, items.stream().map(NoticeItem::index).toList());
    }

    private String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getInvokedFunctionArn") ? ARN : null);
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        JsonNode answer = Json.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(answer.isTextual()).as("a custom widget's function answers a JSON string").isTrue();
        return answer.asText();
    }

    private static ObjectNode load() throws Exception {
        return (ObjectNode) Json.parse(Events.load("review-widget-load.json"));
    }

    /** The event the console sends for a click: the action's JSON at the top level, with the widget's context. */
    private static ObjectNode click(String html, String label, int occurrence, ObjectNode form) throws Exception {
        Matcher matcher = ACTION.matcher(html);
        int seen = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(label) && seen++ == occurrence) {
                assertThat(matcher.group(2)).isEqualTo(ARN);
                ObjectNode event = (ObjectNode) Json.parse(unescape(matcher.group(3)));
                ObjectNode context = (ObjectNode) load().get("widgetContext");
                context.putObject("forms").set("all", form);
                event.set("widgetContext", context);
                return event;
            }
        }
        throw new AssertionError("no " + label + " button in " + html);
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void describeAnswersTheWidgetsDocumentation() throws Exception {
        assertThat(invoke("{\"describe\": true}")).startsWith("## Takedown review queue").contains("**queue**",
                "**pageSize**");
    }

    @Test
    void theQueueListsItemsOldestFirstWithListingRightEvidenceAndRule() throws Exception {
        String html = invoke(load().toString());
        int first = html.indexOf("data-notice=\"" + noticeId + "\" data-index=\"1\"");
        int second = html.indexOf("data-notice=\"" + laterNoticeId + "\" data-index=\"0\"");
        assertThat(first).isNotNegative();
        assertThat(second).isGreaterThan(first);
        assertThat(html).doesNotContain("data-index=\"0\" data-notice=\"" + noticeId + "\"")
                .contains("Cordless drill, 18 V", "seller seller-honest", "tm-acme-us: TRADEMARK",
                        "BRAND_MATCH (BRAND_MISMATCH)", "Waiting 3 h 0 min",
                        "<a href=\"https://evidence.acme.example/1008.png\" target=\"_blank\" rel=\"noopener noreferrer\">")
                .contains("name=\"reason:" + noticeId + ":1\"", "name=\"reviewer\"");
        assertThat(html).doesNotContain("href=\"javascript:").contains("OTHER javascript:alert(1)</span>");
    }

    @Test
    void untrustedTextIsEscapedEverywhere() throws Exception {
        String html = invoke(load().toString());
        assertThat(html).doesNotContain("<img", "<script")
                .contains("&lt;img src=x onerror=alert(1)&gt; Drill &quot;pro&quot;",
                        "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html.replaceAll("<(/?)(style|form|div|label|input|span|section|h4|p|b|a|table|tr|th|td|textarea|select|option|cwdb-action|ul|li)\\b", ""))
                .as("no other element than those the widget writes").doesNotContain("<");
    }

    @Test
    void actionTakesTheListingDownRecordedAsMadeThroughTheConsoleAndTheItemLeavesTheQueue() throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Events.load("review-widget-decide-item.json"));
        String html = invoke(event.toString());
        assertThat(html).contains("Item 1 of " + noticeId + " is now ACTIONED; the notice is COMPLETED, outcome ALL.")
                .doesNotContain("data-notice=\"" + noticeId + "\"")
                .contains("data-notice=\"" + laterNoticeId + "\"")
                .contains("value=\"jane.doe\"");
        NoticeItem item = notices.itemsAt(noticeId, List.of(1)).get(0);
        assertThat(item.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(item.decision().decidedBy()).isEqualTo("console+jane.doe");
        assertThat(item.decision().note()).startsWith("The drill is sold as ACME");
        assertThat(listings.find("1008").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void aDecisionNeedsTheReviewerAndAReasonAndOtherwiseChangesNothing() throws Exception {
        String page = invoke(load().toString());
        ObjectNode form = Json.object().put("reason:" + noticeId + ":1", "  ");
        String html = invoke(click(page, "Action", 0, form).toString());
        assertThat(html).contains("Not decided: fill in what is missing.", "Reviewer: required", "Reason: required");
        form.put("reviewer", "jane doe").put("reason:" + noticeId + ":1", "Looks fake.");
        assertThat(invoke(click(page, "Action", 0, form).toString()))
                .contains("Reviewer: letters, digits and . _ @ + - only")
                .contains(">Looks fake.</textarea>");
        assertThat(notices.itemsAt(noticeId, List.of(1)).get(0).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
    }

    @Test
    void rejectRecordsTheReasonChosenAndADecidedItemCannotBeDecidedAgain() throws Exception {
        String page = invoke(load().toString());
        ObjectNode form = Json.object().put("reviewer", "sam").put("reason:" + noticeId + ":1", "Another brand's drill.")
                .put("reasonCode:" + noticeId + ":1", "NOT_INFRINGING");
        ObjectNode reject = click(page, "Reject", 0, form);
        assertThat(invoke(reject.toString())).contains("is now REJECTED (NOT_INFRINGING)");
        NoticeItem item = notices.itemsAt(noticeId, List.of(1)).get(0);
        assertThat(item.reason()).isEqualTo(ItemReason.NOT_INFRINGING);
        assertThat(item.decision().decidedBy()).isEqualTo("console+sam");
        ObjectNode action = click(page, "Action", 0, form);
        assertThat(invoke(action.toString())).contains("Not decided: Item 1 is REJECTED, not NEEDS_REVIEW");
    }

    @Test
    void pagesGoOnByTheCursorTheNextPageButtonCarries() throws Exception {
        ObjectNode event = load();
        ((ObjectNode) event.get("widgetContext").get("params")).put("pageSize", 1);
        String first = invoke(event.toString());
        assertThat(first).contains("data-notice=\"" + noticeId + "\"").doesNotContain(laterNoticeId);
        ObjectNode next = click(first, "Next page", 0, Json.object());
        ((ObjectNode) next.get("widgetContext").get("params")).put("pageSize", 1);
        assertThat(next.path("cursor").asText()).isNotEmpty();
        String second = invoke(next.toString());
        assertThat(second).contains("data-notice=\"" + laterNoticeId + "\"").doesNotContain("data-notice=\"" + noticeId);
        assertThat(second).doesNotContain(">Next page<");
    }

    @Test
    void theComplaintsQueueDecidesAComplaintWithTheReasonTheComplainantIsTold() throws Exception {
        NoticeItem actioned = notices.itemsAt(noticeId, List.of(0)).get(0);
        assertThat(notices.recordRedress(noticeId, actioned, actioned.redressed(actioned.status(), actioned.redress()
                .withComplaint(new Complaint(Party.SELLER, "Genuine <b>ACME</b> stock.", List.of(
                        new Evidence("https://seller.example/invoice.pdf", null, EvidenceKind.DOCUMENT)),
                        Fixtures.NOW.plusSeconds(600), null))), null)).isTrue();
        ObjectNode event = load();
        ((ObjectNode) event.get("widgetContext").get("params")).put("queue", "complaints");
        String page = invoke(event.toString());
        assertThat(page).contains("Complaint by the seller", "Genuine &lt;b&gt;ACME&lt;/b&gt; stock.",
                "href=\"https://seller.example/invoice.pdf\"", ">Uphold</a>", ">Reverse</a>");
        ObjectNode form = Json.object().put("reviewer", "sam")
                .put("reason:" + noticeId + ":0:SELLER", "Invoices show genuine stock.");
        ObjectNode reverse = click(page, "Reverse", 0, form);
        ((ObjectNode) reverse.get("widgetContext").get("params")).put("queue", "complaints");
        assertThat(reverse.path("from").asText()).isEqualTo("SELLER");
        String html = invoke(reverse.toString());
        assertThat(html).contains("Item 0 of " + noticeId + " is now", "No complaint is open.");
        Complaint decided = notices.itemsAt(noticeId, List.of(0)).get(0).redress().complaintOf(Party.SELLER);
        assertThat(decided.decision().staffId()).isEqualTo("console+sam");
        assertThat(decided.decision().reason()).isEqualTo("Invoices show genuine stock.");
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
    }

    /** A cursor no page handed out (a reloaded widget after the queue changed, or a forged one) starts again. */
    @Test
    void aCursorNoPageHandedOutShowsTheFirstPageAgain() throws Exception {
        for (String queue : List.of("review", "complaints")) {
            ObjectNode event = load();
            event.put("action", "page").put("cursor", "forged");
            ((ObjectNode) event.get("widgetContext").get("params")).put("queue", queue);
            assertThat(invoke(event.toString())).as(queue).contains("That page is no longer there: back to the first page.");
        }
    }

    @Test
    void wrongWidgetParametersAreSaidInTheWidget() throws Exception {
        ObjectNode event = load();
        ((ObjectNode) event.get("widgetContext").get("params")).put("queue", "everything");
        assertThat(invoke(event.toString())).contains("This widget's parameters are wrong");
        assertThat(invoke("[]")).contains("its event must be a JSON object");
    }
}
