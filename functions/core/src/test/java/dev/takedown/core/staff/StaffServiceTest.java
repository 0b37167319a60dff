package dev.takedown.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.auth.Authenticator;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryApiKeyStore;
import dev.takedown.core.testing.InMemoryUsagePlans;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemorySellerStore;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import dev.takedown.core.text.Hashing;
import dev.takedown.core.verify.VerificationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StaffServiceTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore()
            .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1008", "seller-honest", "Cordless drill", "Honest Tools", ListingStatus.ACTIVE))
            .with(new Listing("1010", "seller-honest", "Bird seed", "Honest Feeds", ListingStatus.ACTIVE))
            .with(new Listing("1011", "seller-honest", "Garden hose", "Honest Tools", ListingStatus.ACTIVE));
    private final InMemoryRightStore rights = new InMemoryRightStore(Fixtures.RIGHTS);
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications,
            Fixtures.trust(rightholders, notifications));
    private final Clock verifiedAt = Clock.offset(Fixtures.clock(), Duration.ofSeconds(5));
    private final Clock decidedAt = Clock.offset(Fixtures.clock(), Duration.ofMinutes(30));
    private final InMemorySellerStore sellers = new InMemorySellerStore()
            .with(new Seller("seller-fake", "Cheap Deals 4U", null));
    private final InMemoryUsagePlans usagePlans = new InMemoryUsagePlans();
    private final StaffService staff = new StaffService(notices, rights, rightholders, rightholders, sellers, apiKeys,
            usagePlans, secrets, listings, audit, recorder, decidedAt);

    /** A notice naming 1001 (actioned by the verifier) and 1008 (no ACME mark: waits for review at index 1). */
    private String reviewed() {
        return reviewedAt(verifiedAt, "1001", "1008");
    }

    private String reviewedAt(Clock verifierClock, String... listingIds) {
        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        String id = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();
        new VerificationService(notices, rights, rightholders, listings, recorder, verifierClock)
                .verify(id, java.util.stream.IntStream.range(0, items.size()).boxed().toList());
        return id;
    }

    private static JsonNode event(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StaffRequests.DecideItem decide(String noticeId, int index, String decision, String reason) {
        ObjectNode event = Json.object().put("operation", "decideItem").put("noticeId", noticeId).put("index", index)
                .put("decision", decision).put("staffId", "staff-jane").put("note", "Compared with the brand's catalogue.");
        if (reason != null) {
            event.put("reasonCode", reason);
        }
        return StaffRequests.decideItem(event);
    }

    private static void assertError(ThrowingCallable call, StaffException.Type type, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StaffException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(fields);
        });
    }

    @Test
    void theReviewQueueListsItemsWaitingForAPersonOldestFirstInPages() {
        String first = reviewed();
        String second = reviewedAt(Clock.offset(verifiedAt, Duration.ofSeconds(1)), "1001", "1010");
        String third = reviewedAt(Clock.offset(verifiedAt, Duration.ofSeconds(2)), "1011");

        Page<NoticeStore.ReviewItem> page = staff.reviewQueue(StaffRequests.reviewQueue(event("{\"limit\": 2}")));
        assertThat(page.entries()).extracting(NoticeStore.ReviewItem::noticeId).containsExactly(first, second);
        assertThat(page.entries()).extracting(r -> r.item().index()).containsExactly(1, 1);
        assertThat(page.entries()).allSatisfy(r -> assertThat(r.item().status()).isEqualTo(ItemStatus.NEEDS_REVIEW));
        Page<NoticeStore.ReviewItem> rest = staff.reviewQueue(new StaffRequests.ReviewQueue(2, page.nextCursor()));
        assertThat(rest.entries()).extracting(NoticeStore.ReviewItem::noticeId).containsExactly(third);
        assertThat(rest.nextCursor()).isNull();
        assertThat(StaffRequests.reviewQueue(event("{}")).limit()).isEqualTo(20);

        assertError(() -> staff.reviewQueue(new StaffRequests.ReviewQueue(2, "not-a-cursor")),
                StaffException.Type.InvalidRequest, "cursor");
        assertError(() -> StaffRequests.reviewQueue(event("{\"limit\": 101, \"cursor\": 7}")),
                StaffException.Type.InvalidRequest, "limit", "cursor");
    }

    @Test
    void actionTakesTheListingDownAndCompletesTheNoticeLikeAnAutomaticDecision() {
        String id = reviewed();
        StaffService.Decided decided = staff.decideItem(decide(id, 1, "ACTION", null));

        NoticeItem item = decided.item();
        assertThat(item.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(item.reason()).isNull();
        assertThat(item.decision().decidedBy()).isEqualTo("staff-jane");
        assertThat(item.decision().decidedAt()).isEqualTo(decidedAt.instant());
        assertThat(item.decision().rule()).isEqualTo(DecisionRule.STAFF_DECISION);
        assertThat(item.decision().note()).isEqualTo("Compared with the brand's catalogue.");
        assertThat(item.statement().automated()).isFalse();
        assertThat(item.statement().listingId()).isEqualTo("1008");
        assertThat(listings.removedBy("1008")).isEqualTo(id + "#1");
        assertThat(decided.notice().status()).isEqualTo(NoticeStatus.COMPLETED);
        assertThat(decided.notice().outcome()).isEqualTo(NoticeOutcome.ALL);
        assertThat(audit.forNotice(id)).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("staff-jane");
            assertThat(e.from()).isEqualTo(ItemStatus.NEEDS_REVIEW);
            assertThat(e.to()).isEqualTo(ItemStatus.ACTIONED);
        });
        assertThat(notifications.ofType(EventType.NOTICE_COMPLETED)).hasSize(1);
        assertThat(notifications.ofType(EventType.LISTING_RESTRICTED)).flatExtracting(NotificationEvent::items).contains(1);
        assertThat(staff.reviewQueue(new StaffRequests.ReviewQueue(20, null)).entries()).isEmpty();
    }

    @Test
    void replayingADecisionChangesNothingAndAnswersTheSame() {
        String id = reviewed();
        StaffService.Decided first = staff.decideItem(decide(id, 1, "ACTION", null));
        int events = audit.forNotice(id).size();
        var published = notifications.published.stream().map(e -> e.id()).distinct().toList();

        StaffService.Decided again = staff.decideItem(decide(id, 1, "ACTION", null));

        assertThat(again).isEqualTo(first);
        assertThat(listings.takedowns.get()).isEqualTo(2);
        assertThat(audit.forNotice(id)).hasSize(events);
        assertThat(notifications.published.stream().map(e -> e.id()).distinct().toList()).isEqualTo(published);
    }

    @Test
    void aStaffDecisionIsCountedOnceWithItsTimeFromReceipt() throws Exception {
        String id = reviewed();
        EmfLines first = EmfLines.invocation(() -> staff.decideItem(decide(id, 1, "ACTION", null)));
        EmfLines again = EmfLines.invocation(() -> staff.decideItem(decide(id, 1, "ACTION", null)));

        assertThat(first.problems()).isEmpty();
        assertThat(first.sum("ItemsDecided")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "ACTIONED", "DecidedBy", "STAFF")).isEqualTo(1);
        assertThat(first.values("TimeToDecision", "DecidedBy", "STAFF"))
                .containsExactly((double) Duration.ofMinutes(30).toMillis());
        assertThat(again.documents()).isEmpty();
    }

    @Test
    void rejectRecordsTheReasonAndTheNoticeCompletesPartly() {
        String id = reviewed();
        StaffService.Decided decided = staff.decideItem(decide(id, 1, "REJECT", "NOT_INFRINGING"));

        assertThat(decided.item().status()).isEqualTo(ItemStatus.REJECTED);
        assertThat(decided.item().reason()).isEqualTo(ItemReason.NOT_INFRINGING);
        assertThat(decided.item().statement()).isNull();
        assertThat(listings.find("1008").orElseThrow().active()).isTrue();
        assertThat(decided.notice().outcome()).isEqualTo(NoticeOutcome.PARTIAL);
        assertThat(staff.decideItem(decide(id, 1, "REJECT", "NOT_INFRINGING"))).isEqualTo(decided);
    }

    @Test
    void onlyItemsWaitingForReviewCanBeDecided() {
        String id = reviewed();
        staff.decideItem(decide(id, 1, "REJECT", "INSUFFICIENT_EVIDENCE"));

        assertThatThrownBy(() -> staff.decideItem(decide(id, 0, "REJECT", "NOT_INFRINGING")))
                .isInstanceOfSatisfying(StaffException.class, e -> {
                    assertThat(e.type()).isEqualTo(StaffException.Type.Conflict);
                    assertThat(e.getMessage()).contains("ACTIONED");
                });
        assertError(() -> staff.decideItem(decide(id, 1, "ACTION", null)), StaffException.Type.Conflict, "index");
        assertError(() -> staff.decideItem(decide(id, 7, "ACTION", null)), StaffException.Type.NotFound, "index");
        assertError(() -> staff.decideItem(decide("ntc_" + "0".repeat(26), 0, "ACTION", null)),
                StaffException.Type.NotFound, "noticeId");
        assertThat(listings.find("1008").orElseThrow().active()).isTrue();
    }

    @Test
    void actionOnAListingRemovedMeanwhileIsAlreadyRemoved() {
        String id = reviewed();
        listings.takeDown("1008", "ntc_other", 0, Fixtures.NOW);

        StaffService.Decided decided = staff.decideItem(decide(id, 1, "ACTION", null));

        assertThat(decided.item().status()).isEqualTo(ItemStatus.ALREADY_REMOVED);
        assertThat(decided.item().decision().rule()).isEqualTo(DecisionRule.TAKEDOWN_RACE);
        assertThat(decided.item().decision().decidedBy()).isEqualTo("staff-jane");
        assertThat(decided.notice().status()).isEqualTo(NoticeStatus.COMPLETED);
    }

    @Test
    void actionNeedsARightThatStillHolds() {
        String id = reviewed();
        rights.setStatus("tm-acme-us", RightStatus.REVOKED, "staff-joe", "forged registration", Fixtures.NOW);

        assertError(() -> staff.decideItem(decide(id, 1, "ACTION", null)), StaffException.Type.Conflict, "decision");
        assertThat(notices.itemsOf(id).get(1).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
        assertThat(listings.find("1008").orElseThrow().active()).isTrue();
    }

    @Test
    void everyBadFieldOfADecisionIsNamedAtOnce() {
        assertError(() -> StaffRequests.decideItem(event("""
                {"operation": "decideItem", "noticeId": "ntc_x", "index": -1, "decision": "MAYBE",
                 "note": "%s", "urgent": true}""".formatted("n".repeat(1001)))),
                StaffException.Type.InvalidRequest, "noticeId", "index", "decision", "staffId", "note", "urgent");
        String id = "ntc_" + "0".repeat(26);
        assertError(() -> StaffRequests.decideItem(event("""
                {"noticeId": "%s", "index": 0, "decision": "REJECT", "staffId": "AUTO"}""".formatted(id))),
                StaffException.Type.InvalidRequest, "reasonCode", "staffId");
        assertError(() -> StaffRequests.decideItem(event("""
                {"noticeId": "%s", "index": 0, "decision": "REJECT", "reasonCode": "DUPLICATE", "staffId": "j"}"""
                .formatted(id))), StaffException.Type.InvalidRequest, "reasonCode");
        assertError(() -> StaffRequests.decideItem(event("""
                {"noticeId": "%s", "index": "0", "decision": "ACTION", "reasonCode": "NOT_INFRINGING", "staffId": "j"}"""
                .formatted(id))), StaffException.Type.InvalidRequest, "index", "reasonCode");
    }

    @Test
    void anUnknownOrMissingOperationIsNamed() {
        assertError(() -> StaffRequests.operation(event("{\"operation\": \"deleteEverything\"}")),
                StaffException.Type.UnknownOperation, "operation");
        assertError(() -> StaffRequests.operation(event("{}")), StaffException.Type.UnknownOperation, "operation");
        assertError(() -> StaffRequests.operation(event("[]")), StaffException.Type.InvalidRequest, "event");
        assertThat(StaffRequests.operation(event("{\"operation\": \"getNotice\"}")))
                .isEqualTo(StaffRequests.Operation.getNotice);
    }

    @Test
    void staffSetTheStatusOfARight() {
        var right = staff.setRightStatus(StaffRequests.setRightStatus(event("""
                {"rightId": "tm-acme-eu", "status": "VERIFIED", "staffId": "staff-joe", "reason": "Registry checked."}""")));
        assertThat(right.status()).isEqualTo(RightStatus.VERIFIED);
        assertThat(rights.find("tm-acme-eu").orElseThrow().status()).isEqualTo(RightStatus.VERIFIED);
        assertThat(rights.statusChangedBy).containsEntry("tm-acme-eu", "staff-joe");

        assertError(() -> staff.setRightStatus(new StaffRequests.SetRightStatus("tm-nobody", RightStatus.REVOKED, "j", "x")),
                StaffException.Type.NotFound, "rightId");
        assertError(() -> StaffRequests.setRightStatus(event("{\"rightId\": \"tm acme\", \"status\": \"PENDING\"}")),
                StaffException.Type.InvalidRequest, "rightId", "status", "staffId", "reason");
    }

    @Test
    void aRegisteredRightholderGetsAWorkingKeyAndASecretShownOnce() {
        StaffService.Registered registered = staff.registerRightholder(StaffRequests.registerRightholder(event("""
                {"id": "initech", "name": "Initech LLC", "email": "ip@initech.example",
                 "callbackUrl": "https://hooks.initech.example/takedown", "staffId": "staff-joe"}""")));

        assertThat(rightholderOf(registered.apiKey())).isEqualTo("initech");
        assertThat(apiKeys.hashes()).containsOnlyKeys(Hashing.sha256Hex(registered.apiKey()));
        assertThat(apiKeys.hashes().values()).extracting(ApiKey::issuedBy, ApiKey::expiresAt)
                .containsExactly(tuple("staff-joe", null));
        assertThat(registered.apiKeyExpiresAt()).isNull();
        String secret = registered.webhookSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(24);
        assertThat(secrets.find(Target.RIGHTHOLDER, "initech")).contains(WebhookSecrets.of(secret));
        assertThat(registered.rightholder().toString()).doesNotContain(secret);
        assertThat(rightholders.find("initech").orElseThrow()).isEqualTo(registered.rightholder());
        assertThat(rightholders.registeredBy).containsEntry("initech", "staff-joe");

        assertError(() -> staff.registerRightholder(new StaffRequests.RegisterRightholder("acme", "A", "a@a.example", null,
                "staff-joe", null)), StaffException.Type.Conflict, "id");
        assertThat(apiKeys.hashes()).hasSize(1);
        assertError(() -> StaffRequests.registerRightholder(event("""
                {"id": "Bad Id", "name": "", "email": "nope", "callbackUrl": "http://hooks.example/x"}""")),
                StaffException.Type.InvalidRequest, "id", "name", "email", "callbackUrl", "staffId");
    }

    @Test
    void rotatingAKeyRevokesTheOldOnesAtOnce() {
        String old = register("initech").apiKey();
        StaffService.Rotated rotated = staff.rotateApiKey(StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "staff-ann"}""")));

        assertThat(rightholderOf(old)).isNull();
        assertThat(rightholderOf(rotated.apiKey())).isEqualTo("initech");
        assertThat(rotated.revokedKeys()).isEqualTo(1);
        assertThat(apiKeys.hashes().get(Hashing.sha256Hex(rotated.apiKey())).issuedBy()).isEqualTo("staff-ann");

        assertError(() -> staff.rotateApiKey(new StaffRequests.RotateApiKey("nobody", "staff-ann", null)),
                StaffException.Type.NotFound, "rightholderId");
        assertError(() -> StaffRequests.rotateApiKey(event("{\"rightholderId\": \"initech\"}")),
                StaffException.Type.InvalidRequest, "staffId");
    }

    @Test
    void anyNoticeReadsBackWithItsDecisionsStatementsAndAuditTrail() {
        String id = reviewed();
        staff.decideItem(decide(id, 1, "ACTION", null));

        StaffService.NoticeRecord record = staff.getNotice(StaffRequests.getNotice(event("{\"noticeId\": \"" + id + "\"}")));

        assertThat(record.notice().id()).isEqualTo(id);
        assertThat(record.items()).extracting(NoticeItem::status).containsExactly(ItemStatus.ACTIONED, ItemStatus.ACTIONED);
        assertThat(record.items()).allSatisfy(i -> assertThat(i.statement()).isNotNull());
        assertThat(record.auditTrail()).extracting(e -> e.actor()).containsExactly("AUTO", "AUTO", "staff-jane");
        assertError(() -> staff.getNotice(new StaffRequests.GetNotice("ntc_" + "0".repeat(26))),
                StaffException.Type.NotFound, "noticeId");
        assertError(() -> StaffRequests.getNotice(event("{\"noticeId\": 5}")), StaffException.Type.InvalidRequest, "noticeId");
    }

    private StaffService.Registered register(String id) {
        return staff.registerRightholder(new StaffRequests.RegisterRightholder(id, "Initech", "ip@initech.example",
                null, "staff-joe", null));
    }

    /** Whom the key authenticates as at the staff clock's time, or null when it is refused. */
    private String rightholderOf(String apiKey) {
        Authenticator.Outcome outcome = new Authenticator(apiKeys, decidedAt).authenticate("Bearer " + apiKey);
        return outcome.allowed() ? outcome.principal().id() : null;
    }

    @Test
    void aKeyIssuedWithAnExpiryStopsWorkingThenAndStaffSeeWhen() {
        StaffService.Registered registered = staff.registerRightholder(StaffRequests.registerRightholder(event("""
                {"id": "initech", "name": "Initech LLC", "email": "ip@initech.example", "staffId": "staff-joe",
                 "expiresInDays": 30}""")));
        Instant issuedAt = decidedAt.instant();
        assertThat(registered.apiKeyExpiresAt()).isEqualTo(issuedAt.plus(Duration.ofDays(30)));
        Authenticator justBefore = new Authenticator(apiKeys, Clock.fixed(registered.apiKeyExpiresAt().minusMillis(1), ZoneOffset.UTC));
        Authenticator atExpiry = new Authenticator(apiKeys, Clock.fixed(registered.apiKeyExpiresAt(), ZoneOffset.UTC));
        assertThat(justBefore.authenticate("Bearer " + registered.apiKey()).allowed()).isTrue();
        assertThat(atExpiry.authenticate("Bearer " + registered.apiKey()).refusal()).isEqualTo(Authenticator.Refusal.EXPIRED);

        StaffService.Rotated rotated = staff.rotateApiKey(StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "staff-ann", "expiresAt": "2027-06-30T00:00:00Z"}""")));
        assertThat(rotated.apiKeyExpiresAt()).isEqualTo(Instant.parse("2027-06-30T00:00:00Z"));
        assertThat(staff.access("initech").apiKeys()).singleElement().satisfies(view -> {
            assertThat(view.key().prefix()).isEqualTo(rotated.apiKey().substring(0, 8));
            assertThat(view.key().expiresAt()).isEqualTo(rotated.apiKeyExpiresAt());
            assertThat(view.key().issuedBy()).isEqualTo("staff-ann");
            assertThat(view.expired()).isFalse();
        });

        assertError(() -> StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "s", "expiresAt": "2027-06-30T00:00:00Z", "expiresInDays": 3}""")),
                StaffException.Type.InvalidRequest, "expiresAt");
        assertError(() -> StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "s", "expiresAt": "30/06/2027"}""")),
                StaffException.Type.InvalidRequest, "expiresAt");
        assertError(() -> StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "s", "expiresInDays": 0}""")),
                StaffException.Type.InvalidRequest, "expiresInDays");
        assertError(() -> staff.rotateApiKey(StaffRequests.rotateApiKey(event("""
                {"rightholderId": "initech", "staffId": "s", "expiresAt": "2020-01-01T00:00:00Z"}"""))),
                StaffException.Type.InvalidRequest, "expiresAt");
        assertThat(apiKeys.hashes()).as("nothing issued for a refused request").hasSize(1);
    }

    @Test
    void revokingKeysLeavesTheRightholderWithoutAnyUntilItIsGivenANewOne() {
        String key = register("initech").apiKey();
        StaffService.Revoked revoked = staff.revokeApiKey(StaffRequests.revokeApiKey(event("""
                {"rightholderId": "initech", "staffId": "staff-ann", "reason": "Key posted in a public repository."}""")));

        assertThat(revoked.revokedKeys()).isEqualTo(1);
        assertThat(rightholderOf(key)).isNull();
        assertThat(staff.access("initech").apiKeys()).isEmpty();
        assertThat(staff.revokeApiKey(new StaffRequests.RevokeApiKey("initech", "staff-ann", "again")).revokedKeys()).isZero();
        assertError(() -> staff.revokeApiKey(new StaffRequests.RevokeApiKey("nobody", "staff-ann", "x")),
                StaffException.Type.NotFound, "rightholderId");
        assertError(() -> StaffRequests.revokeApiKey(event("{\"rightholderId\": \"initech\", \"staffId\": \"s\"}")),
                StaffException.Type.InvalidRequest, "reason");
    }

    /** The principal the key authenticates as at the staff clock's time, or null when it is refused. */
    private Principal principalOf(String apiKey) {
        return new Authenticator(apiKeys, decidedAt).authenticate("Bearer " + apiKey).principal();
    }

    @Test
    void aSellerGetsOneKeyOfItsOwnThatANewOneReplacesAtOnce() {
        StaffService.SellerKeyIssued first = staff.issueSellerKey(StaffRequests.issueSellerKey(event("""
                {"sellerId": "seller-fake", "staffId": "staff-ann", "expiresInDays": 90}""")));
        assertThat(Ids.isApiKey(first.apiKey())).isTrue();
        assertThat(first.apiKeyExpiresAt()).isEqualTo(decidedAt.instant().plus(Duration.ofDays(90)));
        assertThat(first.revokedKeys()).isZero();
        assertThat(principalOf(first.apiKey())).isEqualTo(Principal.seller("seller-fake"));
        assertThat(apiKeys.hashes()).as("only its hash is kept").containsOnlyKeys(Hashing.sha256Hex(first.apiKey()))
                .allSatisfy((hash, key) -> assertThat(key.issuedBy()).isEqualTo("staff-ann"));

        StaffService.SellerKeyIssued second = staff.issueSellerKey(StaffRequests.issueSellerKey(event("""
                {"sellerId": "seller-fake", "staffId": "staff-joe", "expiresAt": "2027-06-30T00:00:00Z"}""")));
        assertThat(second.apiKeyExpiresAt()).isEqualTo(Instant.parse("2027-06-30T00:00:00Z"));
        assertThat(second.revokedKeys()).isEqualTo(1);
        assertThat(principalOf(first.apiKey())).isNull();
        assertThat(principalOf(second.apiKey())).isEqualTo(Principal.seller("seller-fake"));
        assertThat(staff.sellerKeys("seller-fake")).singleElement().satisfies(view -> {
            assertThat(view.key().prefix()).isEqualTo(second.apiKey().substring(0, 8));
            assertThat(view.key().issuedBy()).isEqualTo("staff-joe");
            assertThat(view.expired()).isFalse();
        });
        assertThat(staff.access("seller-fake").apiKeys()).as("a rightholder of the same id holds none").isEmpty();

        assertError(() -> staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-nobody", "staff-ann", null)),
                StaffException.Type.NotFound, "sellerId");
        assertError(() -> StaffRequests.issueSellerKey(event("{\"sellerId\": \"bad id\", \"expiresInDays\": 0}")),
                StaffException.Type.InvalidRequest, "sellerId", "staffId", "expiresInDays");
        assertThat(apiKeys.hashes()).as("nothing issued for a refused request").hasSize(1);
    }

    @Test
    void aSellersKeyIsNotARightholdersOfTheSameId() {
        sellers.with(new Seller("acme", "Acme Outlet Store", null));
        String rightholdersKey = Ids.apiKey();
        apiKeys.issue(ApiKey.issued(rightholdersKey, Principal.rightholder("acme"), decidedAt.instant(), null, null));

        String sellersKey = staff.issueSellerKey(new StaffRequests.IssueSellerKey("acme", "staff-ann", null)).apiKey();
        assertThat(principalOf(sellersKey)).isEqualTo(Principal.seller("acme"));
        assertThat(principalOf(rightholdersKey)).as("the rightholder's key is left alone").isEqualTo(Principal.rightholder("acme"));

        assertThat(staff.revokeSellerKey(new StaffRequests.RevokeSellerKey("acme", "staff-ann", "x")).revokedKeys()).isEqualTo(1);
        assertThat(principalOf(rightholdersKey)).isEqualTo(Principal.rightholder("acme"));
    }

    @Test
    void revokingASellersKeysLeavesItWithoutAnyUntilItIsGivenANewOne() {
        String key = staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-fake", "staff-ann", null)).apiKey();
        StaffService.SellerKeysRevoked revoked = staff.revokeSellerKey(StaffRequests.revokeSellerKey(event("""
                {"sellerId": "seller-fake", "staffId": "staff-ann", "reason": "Key posted in a public forum."}""")));

        assertThat(revoked.sellerId()).isEqualTo("seller-fake");
        assertThat(revoked.revokedKeys()).isEqualTo(1);
        assertThat(principalOf(key)).isNull();
        assertThat(staff.revokeSellerKey(new StaffRequests.RevokeSellerKey("seller-fake", "staff-ann", "again")).revokedKeys())
                .isZero();
        assertError(() -> staff.revokeSellerKey(new StaffRequests.RevokeSellerKey("seller-nobody", "staff-ann", "x")),
                StaffException.Type.NotFound, "sellerId");
        assertError(() -> StaffRequests.revokeSellerKey(event("{\"sellerId\": \"seller-fake\", \"staffId\": \"s\"}")),
                StaffException.Type.InvalidRequest, "reason");
    }

    @Test
    void staffPutARightholderOrASellerOnARatePlanThatItsKeysThenCarry() {
        String key = register("initech").apiKey();
        StaffService.RatePlanSet set = staff.setRatePlan(StaffRequests.setRatePlan(event("""
                {"rightholderId": "initech", "plan": "HIGH_VOLUME", "staffId": "staff-ann", "reason": "Volume contract."}""")));

        assertThat(set).isEqualTo(new StaffService.RatePlanSet(Principal.rightholder("initech"), RatePlan.HIGH_VOLUME));
        Authenticator.Outcome outcome = new Authenticator(apiKeys, decidedAt).authenticate("Bearer " + key);
        assertThat(outcome.ratePlan()).isEqualTo(RatePlan.HIGH_VOLUME);
        assertThat(apiKeys.access(Principal.seller("initech")).ratePlan()).as("a seller of the same id is another principal")
                .isEqualTo(RatePlan.STANDARD);
        staff.setRatePlan(StaffRequests.setRatePlan(event("""
                {"sellerId": "seller-fake", "plan": "HIGH_VOLUME", "staffId": "staff-ann", "reason": "Bulk contests."}""")));
        assertThat(apiKeys.access(Principal.seller("seller-fake")).ratePlan()).isEqualTo(RatePlan.HIGH_VOLUME);
        staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("initech"), RatePlan.STANDARD, "staff-ann", "x"));
        assertThat(apiKeys.access(Principal.rightholder("initech")).ratePlan()).isEqualTo(RatePlan.STANDARD);

        assertError(() -> staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("nobody"),
                RatePlan.HIGH_VOLUME, "staff-ann", "x")), StaffException.Type.NotFound, "rightholderId");
        assertError(() -> staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.seller("seller-nobody"),
                RatePlan.HIGH_VOLUME, "staff-ann", "x")), StaffException.Type.NotFound, "sellerId");
        assertError(() -> StaffRequests.setRatePlan(event("""
                {"rightholderId": "acme", "sellerId": "seller-fake", "plan": "UNLIMITED", "staffId": "s", "reason": "x"}""")),
                StaffException.Type.InvalidRequest, "rightholderId", "plan");
        assertError(() -> StaffRequests.setRatePlan(event("{\"plan\": \"STANDARD\"}")),
                StaffException.Type.InvalidRequest, "rightholderId", "staffId", "reason");
    }

    @Test
    void aDeactivationAndARatePlanAreKeptApart() {
        register("initech");
        staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("initech"), RatePlan.HIGH_VOLUME, "s", "x"));
        staff.deactivateRightholder(new StaffRequests.RightholderAccess("initech", "staff-ann", "Contract ended."));
        staff.reactivateRightholder(new StaffRequests.RightholderAccess("initech", "staff-ann", "Renewed."));

        PrincipalAccess access = apiKeys.access(Principal.rightholder("initech"));
        assertThat(access.deactivation()).isNull();
        assertThat(access.ratePlan()).isEqualTo(RatePlan.HIGH_VOLUME);
        assertThat(usagePlans.planOf(access.usageKey().id())).contains(RatePlan.HIGH_VOLUME);
    }

    @Test
    void everyPrincipalGivenAKeyIsMeteredOnAGatewayKeyOfItsOwnOnItsPlan() {
        String rightholdersKey = register("initech").apiKey();
        String sellersKey = staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-fake", "staff-ann", null)).apiKey();
        UsageKey rightholders = apiKeys.access(Principal.rightholder("initech")).usageKey();
        UsageKey sellers = apiKeys.access(Principal.seller("seller-fake")).usageKey();

        assertThat(rightholders).isNotNull().isNotEqualTo(sellers);
        assertThat(sellers).isNotNull();
        assertThat(usagePlans.planOf(rightholders.id())).contains(RatePlan.STANDARD);
        assertThat(usagePlans.planOf(sellers.id())).contains(RatePlan.STANDARD);
        Authenticator authenticator = new Authenticator(apiKeys, decidedAt);
        assertThat(authenticator.authenticate("Bearer " + rightholdersKey).usageKey()).isEqualTo(rightholders);
        assertThat(authenticator.authenticate("Bearer " + sellersKey).usageKey()).isEqualTo(sellers);

        staff.rotateApiKey(new StaffRequests.RotateApiKey("initech", "staff-ann", null));
        staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-fake", "staff-ann", null));
        assertThat(usagePlans.keyCount()).as("a new key keeps its principal's gateway key").isEqualTo(2);
        assertThat(apiKeys.access(Principal.rightholder("initech")).usageKey()).isEqualTo(rightholders);
        assertThat(rightholders.toString()).doesNotContain(rightholders.value());
    }

    @Test
    void aNewPlanMovesTheGatewayKeyOffTheOldUsagePlanBeforeOntoTheNew() {
        register("initech");
        UsageKey key = apiKeys.access(Principal.rightholder("initech")).usageKey();
        usagePlans.calls.clear();

        staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("initech"), RatePlan.HIGH_VOLUME, "s", "x"));

        assertThat(usagePlans.calls).containsExactly("remove " + key.id() + " STANDARD", "add " + key.id() + " HIGH_VOLUME");
        assertThat(usagePlans.planOf(key.id())).contains(RatePlan.HIGH_VOLUME);
        staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.seller("seller-fake"), RatePlan.HIGH_VOLUME, "s", "x"));
        UsageKey sellers = apiKeys.access(Principal.seller("seller-fake")).usageKey();
        assertThat(usagePlans.planOf(sellers.id())).as("a principal without keys gets its gateway key with its plan")
                .contains(RatePlan.HIGH_VOLUME);
    }

    @Test
    void aMoveThatFailedHalfWayLeavesThePrincipalOnNoPlanUntilItIsMadeAgain() {
        register("initech");
        Principal initech = Principal.rightholder("initech");
        UsageKey key = apiKeys.access(initech).usageKey();
        usagePlans.failNext("add");

        assertThatThrownBy(() -> staff.setRatePlan(new StaffRequests.SetRatePlan(initech, RatePlan.HIGH_VOLUME, "s", "x")))
                .hasMessageContaining("down");
        assertThat(usagePlans.planOf(key.id())).as("refused by the gateway, never unthrottled").isEmpty();
        assertThat(apiKeys.access(initech).ratePlan()).as("the plan is recorded last").isEqualTo(RatePlan.STANDARD);

        staff.setRatePlan(new StaffRequests.SetRatePlan(initech, RatePlan.HIGH_VOLUME, "s", "x"));
        assertThat(usagePlans.planOf(key.id())).contains(RatePlan.HIGH_VOLUME);
        assertThat(apiKeys.access(initech)).isEqualTo(new PrincipalAccess(null, RatePlan.HIGH_VOLUME, key));
        assertThat(usagePlans.keyCount()).isEqualTo(1);
    }

    @Test
    void noKeyIsIssuedNorGatewayKeyNamedUntilTheGatewayKeyMetersOnItsPlan() {
        usagePlans.failNext("add");
        assertThatThrownBy(() -> staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-fake", "staff-ann", null)))
                .hasMessageContaining("down");
        assertThat(apiKeys.keysOf(Principal.seller("seller-fake"))).isEmpty();
        assertThat(apiKeys.access(Principal.seller("seller-fake")).usageKey()).isNull();

        String key = staff.issueSellerKey(new StaffRequests.IssueSellerKey("seller-fake", "staff-ann", null)).apiKey();
        UsageKey usageKey = apiKeys.access(Principal.seller("seller-fake")).usageKey();
        assertThat(new Authenticator(apiKeys, decidedAt).authenticate("Bearer " + key).usageKey()).isEqualTo(usageKey);
        assertThat(usagePlans.planOf(usageKey.id())).contains(RatePlan.STANDARD);
        assertThat(usagePlans.keyCount()).as("the first, on no plan, is never named").isEqualTo(2);
    }

    @Test
    void aPrincipalOnItsPlansSharedKeyStaysMeteredThereUntilItsOwnGatewayKeyIsOnItsPlan() {
        String key = Ids.apiKey();
        apiKeys.issue(ApiKey.issued(key, Principal.rightholder("acme"), decidedAt.instant(), null, null));
        Authenticator authenticator = new Authenticator(apiKeys, decidedAt);
        usagePlans.failNext("add");

        assertThatThrownBy(() -> staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("acme"),
                RatePlan.HIGH_VOLUME, "staff-ann", "x"))).hasMessageContaining("down");
        Authenticator.Outcome before = authenticator.authenticate("Bearer " + key);
        assertThat(before.usageKey()).as("still on the shared key of its plan, never on a key on no plan").isNull();
        assertThat(before.ratePlan()).isEqualTo(RatePlan.STANDARD);

        staff.setRatePlan(new StaffRequests.SetRatePlan(Principal.rightholder("acme"), RatePlan.HIGH_VOLUME, "s", "x"));
        Authenticator.Outcome after = authenticator.authenticate("Bearer " + key);
        assertThat(usagePlans.planOf(after.usageKey().id())).contains(RatePlan.HIGH_VOLUME);
        assertThat(after.ratePlan()).isEqualTo(RatePlan.HIGH_VOLUME);
    }

    @Test
    void aDeactivatedRightholdersKeysAreRefusedUntilItIsReactivated() {
        String key = register("initech").apiKey();
        staff.deactivateRightholder(StaffRequests.deactivateRightholder(event("""
                {"rightholderId": "initech", "staffId": "staff-ann", "reason": "Contract ended."}""")));

        assertThat(rightholderOf(key)).isNull();
        assertThat(staff.access("initech").deactivation())
                .isEqualTo(new Deactivation(decidedAt.instant(), "staff-ann", "Contract ended."));
        assertThat(staff.access("initech").apiKeys()).as("its keys stay, refused").hasSize(1);
        assertError(() -> staff.deactivateRightholder(new StaffRequests.RightholderAccess("initech", "staff-ann", "x")),
                StaffException.Type.Conflict, "rightholderId");

        staff.reactivateRightholder(StaffRequests.reactivateRightholder(event("""
                {"rightholderId": "initech", "staffId": "staff-joe", "reason": "Contract renewed."}""")));
        assertThat(rightholderOf(key)).isEqualTo("initech");
        assertThat(staff.access("initech").deactivation()).isNull();
        assertError(() -> staff.reactivateRightholder(new StaffRequests.RightholderAccess("initech", "staff-joe", "x")),
                StaffException.Type.Conflict, "rightholderId");
        assertError(() -> staff.deactivateRightholder(new StaffRequests.RightholderAccess("nobody", "staff-ann", "x")),
                StaffException.Type.NotFound, "rightholderId");
    }

    @Test
    void everyOperationBelongsToTheReviewerOrTheAdminFunction() {
        assertThat(Arrays.stream(StaffRequests.Operation.values()).filter(o -> o.role() == StaffRequests.Role.REVIEWER))
                .containsExactlyInAnyOrder(StaffRequests.Operation.reviewQueue, StaffRequests.Operation.decideItem,
                        StaffRequests.Operation.getNotice, StaffRequests.Operation.getRightholder,
                        StaffRequests.Operation.getSeller, StaffRequests.Operation.complaintQueue,
                        StaffRequests.Operation.decideComplaint, StaffRequests.Operation.transparencyReport,
                        StaffRequests.Operation.statementsOfReasons);
    }
}
