package dev.takedown.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class IntakeServiceTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final IntakeService intake = Fixtures.intake(notices, idempotency, queue, Fixtures.clock());

    private Problem rejected(String rightholder, String body, String key) {
        return catchThrowableOfType(ProblemException.class, () -> intake.submit(rightholder, body, key)).problem();
    }

    private static String body(Consumer<ObjectNode> change) {
        ObjectNode body = NoticeBodies.valid();
        change.accept(body);
        return body.toString();
    }

    private void assertNothingWritten() {
        assertThat(notices.size()).isZero();
        assertThat(idempotency.size()).isZero();
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void storesTheNoticeAndQueuesEveryOpenItem() {
        IntakeService.Accepted accepted = intake.submit("acme", Fixtures.validBody(), null);

        assertThat(accepted.replayed()).isFalse();
        assertThat(accepted.notice().id()).matches("ntc_[0-9a-z]{26}");
        assertThat(accepted.notice().status()).isEqualTo(NoticeStatus.RECEIVED);
        assertThat(accepted.notice().receivedAt()).isEqualTo(Fixtures.NOW);
        assertThat(accepted.notice().rightholderId()).isEqualTo("acme");
        assertThat(notices.find(accepted.notice().id())).isPresent();
        assertThat(notices.itemsOf(accepted.notice().id())).hasSize(2);
        assertThat(queue.itemsQueuedFor(accepted.notice().id())).containsExactly(0, 1);
        assertThat(notices.isAwaitingDispatch(accepted.notice().id())).isFalse();
    }

    @Test
    void accountsForEveryLineInOrder() {
        String body = body(b -> {
            var items = b.putArray("items");
            items.addObject().put("url", "https://market.example/item/1001?utm_source=x");
            items.addObject().put("listingId", "1002");
            items.addObject().put("url", "https://other.example/item/1");
            items.addObject().put("url", "https://market.example/item.htm?id=1001");
            items.addObject().put("url", "ftp://market.example/item/3");
            items.addObject().put("listingId", "1002");
            items.addObject().put("url", "https://m.market.example/item/1004/");
        });
        var items = intake.submit("acme", body, null).items();

        assertThat(items).extracting(NoticeItem::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(items).extracting(NoticeItem::status).containsExactly(ItemStatus.RECEIVED, ItemStatus.RECEIVED,
                ItemStatus.REJECTED, ItemStatus.DUPLICATE, ItemStatus.REJECTED, ItemStatus.DUPLICATE, ItemStatus.RECEIVED);
        assertThat(items.get(0).url()).isEqualTo("https://market.example/item/1001");
        assertThat(items.get(0).listingId()).isEqualTo("1001");
        assertThat(items.get(2).reason()).isEqualTo(ItemReason.OFF_PLATFORM);
        assertThat(items.get(3).duplicateOf()).isEqualTo(0);
        assertThat(items.get(4).reason()).isEqualTo(ItemReason.INVALID_URL);
        assertThat(items.get(5).duplicateOf()).isEqualTo(1);
        assertThat(items.get(6).listingId()).isEqualTo("1004");
        assertThat(queue.sent.get(0).items()).containsExactly(0, 1, 6);
    }

    @Test
    void aNoticeIsCountedByItsReasonAndItemsSettledAtIntakeAsDecided() throws Exception {
        String body = body(b -> {
            var items = b.putArray("items");
            items.addObject().put("url", "https://market.example/item/1001");
            items.addObject().put("url", "https://other.example/item/1");
            items.addObject().put("url", "https://market.example/item.htm?id=1001");
        });
        EmfLines metrics = EmfLines.invocation(() -> intake.submit("acme", body, null));

        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.sum("NoticesReceived")).isEqualTo(1);
        assertThat(metrics.sum("NoticesReceived", "Reason", "COUNTERFEIT")).isEqualTo(1);
        assertThat(metrics.sum("ItemsDecided", "Status", "REJECTED", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(metrics.sum("ItemsDecided", "Status", "DUPLICATE", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(metrics.sum("ItemsDecided")).isEqualTo(2);
        // Settled as they arrived: no time waited for a decision.
        assertThat(metrics.values("TimeToDecision")).isEmpty();
    }

    @Test
    void aReplayedOrRefusedNoticeIsNotCounted() throws Exception {
        intake.submit("acme", Fixtures.validBody(), "k-m");

        EmfLines replay = EmfLines.invocation(() -> intake.submit("acme", Fixtures.validBody(), "k-m"));
        EmfLines refused = EmfLines.invocation(() -> rejected("acme", body(b -> b.put("rightId", "tm-unknown")), null));

        assertThat(replay.documents()).isEmpty();
        assertThat(refused.documents()).isEmpty();
    }

    @Test
    void aRetryThatFindsTheNoticeStoredIsNotCountedAgain() throws Exception {
        IntakeService.Accepted first = intake.submit("acme", Fixtures.validBody(), "k-n");
        IdempotencyStore.Entry entry = idempotency.find("acme", "k-n").orElseThrow();
        idempotency.put(new IdempotencyStore.Entry("acme", "k-n", entry.requestHash(), first.notice().id(),
                IdempotencyStore.State.IN_PROGRESS, entry.expiresAt(), Fixtures.NOW.minusSeconds(1)));

        EmfLines retry = EmfLines.invocation(() -> intake.submit("acme", Fixtures.validBody(), "k-n"));

        assertThat(retry.documents()).isEmpty();
    }

    @Test
    void theRightMustBeTheCallersAndAnUnknownIdGetsTheSameAnswer() {
        Problem othersRight = rejected("acme", body(b -> b.put("rightId", "tm-globex")), null);
        Problem unknownRight = rejected("acme", body(b -> b.put("rightId", "tm-nobody")), null);

        assertThat(othersRight.status()).isEqualTo(422);
        assertThat(othersRight.errors()).containsExactly(new FieldError("rightId", "no right with this id is registered to you"));
        assertThat(unknownRight).isEqualTo(othersRight);
        assertNothingWritten();
    }

    @Test
    void theRightMustBeVerifiedAndUnexpired() {
        Problem pending = rejected("acme", body(b -> b.put("rightId", "tm-acme-eu")), null);
        assertThat(pending.status()).isEqualTo(422);
        assertThat(pending.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("rightId");
            assertThat(e.message()).contains("not verified");
        });

        Problem expired = rejected("acme", body(b -> b.put("rightId", "tm-acme-old")), null);
        assertThat(expired.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("expired on 2020-01-01"));
        assertNothingWritten();
    }

    @Test
    void aRightEndingTodayIsStillValid() {
        Clock lastDay = Clock.fixed(java.time.Instant.parse("2035-12-31T23:59:59Z"), ZoneOffset.UTC);
        IntakeService onLastDay = Fixtures.intake(notices, idempotency, queue, lastDay);
        assertThat(onLastDay.submit("acme", Fixtures.validBody(), null).notice()).isNotNull();

        Clock dayAfter = Clock.fixed(java.time.Instant.parse("2036-01-01T00:00:00Z"), ZoneOffset.UTC);
        IntakeService later = Fixtures.intake(notices, idempotency, queue, dayAfter);
        assertThat(catchThrowableOfType(ProblemException.class, () -> later.submit("acme", Fixtures.validBody(), null))
                .problem().status()).isEqualTo(422);
    }

    @Test
    void theReasonMustMatchTheRightsType() {
        Problem copyrightOnTrademark = rejected("acme", body(b -> b.put("reason", "COPYRIGHT")), null);
        assertThat(copyrightOnTrademark.status()).isEqualTo(422);
        assertThat(copyrightOnTrademark.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("reason");
            assertThat(e.message()).contains("COPYRIGHT needs a COPYRIGHT right");
        });
        Problem counterfeitOnCopyright = rejected("acme", body(b -> b.put("rightId", "cr-acme-manual")), null);
        assertThat(counterfeitOnCopyright.errors()).extracting(FieldError::field).containsExactly("reason");

        assertThat(intake.submit("acme", body(b -> b.put("reason", "TRADEMARK")), null).notice()).isNotNull();
        assertThat(intake.submit("acme", body(b -> b.put("rightId", "cr-acme-manual").put("reason", "COPYRIGHT")), null)
                .notice()).isNotNull();
    }

    @Test
    void badInputWritesNothing() {
        assertThat(rejected("acme", "{", "key-1").status()).isEqualTo(400);
        assertThat(rejected("acme", body(b -> b.put("signature", "")), "key-2").status()).isEqualTo(400);
        assertThat(rejected("acme", NoticeBodies.withItems(1001).toString(), "key-3").status()).isEqualTo(413);
        assertNothingWritten();
    }

    @Test
    void malformedIdempotencyKey() {
        for (String key : new String[] {"", "has space", "x".repeat(256), "naïve", "tab\there"}) {
            Problem problem = rejected("acme", Fixtures.validBody(), key);
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
        }
        assertThat(intake.submit("acme", Fixtures.validBody(), "x".repeat(255)).notice()).isNotNull();
        assertThat(intake.submit("acme", Fixtures.validBody(), "!#$%&'*+-.^_`|~").notice()).isNotNull();
    }

    @Test
    void theSameKeyAndBodyReplaysTheSameNotice() {
        IntakeService.Accepted first = intake.submit("acme", Fixtures.validBody(), "k-1");
        String reformatted = NoticeBodies.valid().toPrettyString();
        IntakeService.Accepted again = intake.submit("acme", reformatted, "k-1");

        assertThat(again.replayed()).isTrue();
        assertThat(again.notice()).isEqualTo(first.notice());
        assertThat(again.items()).isEqualTo(first.items());
        assertThat(notices.size()).isEqualTo(1);
        assertThat(queue.sent).hasSize(1);
    }

    @Test
    void keysBelongToOneRightholder() {
        IntakeService.Accepted acme = intake.submit("acme", Fixtures.validBody(), "shared-key");
        IntakeService.Accepted globex = intake.submit("globex", body(b -> b.put("rightId", "tm-globex")), "shared-key");
        assertThat(globex.replayed()).isFalse();
        assertThat(globex.notice().id()).isNotEqualTo(acme.notice().id());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        intake.submit("acme", Fixtures.validBody(), "k-2");
        Problem problem = rejected("acme", body(b -> b.put("signature", "Someone Else")), "k-2");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
        assertThat(notices.size()).isEqualTo(1);
    }

    @Test
    void theSameKeyWhileTheFirstRequestIsInFlightIsAConflict() {
        String hash = new SubmissionParser(1000).parse(Fixtures.validBody()).contentHash();
        idempotency.put(new IdempotencyStore.Entry("acme", "k-3", hash, "ntc_00000000000000000000000000",
                IdempotencyStore.State.IN_PROGRESS, Fixtures.NOW.plus(Duration.ofHours(24)), Fixtures.NOW.plusSeconds(30)));

        Problem problem = rejected("acme", Fixtures.validBody(), "k-3");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(notices.size()).isZero();
    }

    @Test
    void aRequestThatDiedMidwayIsFinishedByItsRetryUnderTheSameNoticeId() {
        String hash = new SubmissionParser(1000).parse(Fixtures.validBody()).contentHash();
        String noticeId = "ntc_01jq5v8k3m0000000000000000";
        idempotency.put(new IdempotencyStore.Entry("acme", "k-4", hash, noticeId, IdempotencyStore.State.IN_PROGRESS,
                Fixtures.NOW.plus(Duration.ofHours(23)), Fixtures.NOW.minusSeconds(1)));

        IntakeService.Accepted accepted = intake.submit("acme", Fixtures.validBody(), "k-4");
        assertThat(accepted.notice().id()).isEqualTo(noticeId);
        assertThat(accepted.replayed()).isFalse();
        assertThat(intake.submit("acme", Fixtures.validBody(), "k-4").replayed()).isTrue();
    }

    @Test
    void aRetryAfterTheLockRanOutReturnsTheStoredNoticeWithItsDecisionsAndWritesNothing() {
        IntakeService.Accepted first = intake.submit("acme", Fixtures.validBody(), "k-9");
        String noticeId = first.notice().id();
        NoticeItem actioned = first.items().get(0).decided(ItemStatus.ACTIONED, null,
                Decision.auto(Fixtures.NOW, DecisionRule.BRAND_MATCH));
        assertThat(notices.recordDecision(noticeId, actioned, ItemStatus.RECEIVED)).isTrue();
        // The first request stored the notice but its key was never marked complete (it died just before).
        IdempotencyStore.Entry entry = idempotency.find("acme", "k-9").orElseThrow();
        idempotency.put(new IdempotencyStore.Entry("acme", "k-9", entry.requestHash(), noticeId,
                IdempotencyStore.State.IN_PROGRESS, entry.expiresAt(), Fixtures.NOW.minusSeconds(1)));
        int queued = queue.sent.size();

        IntakeService.Accepted retry = intake.submit("acme", Fixtures.validBody(), "k-9");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.notice().id()).isEqualTo(noticeId);
        assertThat(retry.items().get(0).status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(notices.itemsOf(noticeId).get(0).status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(queue.sent).hasSize(queued);
        assertThat(idempotency.find("acme", "k-9").orElseThrow().state()).isEqualTo(IdempotencyStore.State.COMPLETED);
    }

    @Test
    void aKeyOlderThanTheWindowStartsAfresh() {
        intake.submit("acme", Fixtures.validBody(), "k-5");
        Clock dayLater = Clock.offset(Fixtures.clock(), IntakeService.IDEMPOTENCY_WINDOW.plusSeconds(1));
        IntakeService later = Fixtures.intake(notices, idempotency, queue, dayLater);

        IntakeService.Accepted fresh = later.submit("acme", body(b -> b.put("signature", "John Roe")), "k-5");
        assertThat(fresh.replayed()).isFalse();
        assertThat(notices.size()).isEqualTo(2);
    }

    @Test
    void whenTheQueueFailsTheNoticeIsStillAcceptedAndLeftForTheDispatcher() {
        queue.failure = new DependencyException("queue down", null);
        IntakeService.Accepted accepted = intake.submit("acme", Fixtures.validBody(), "k-6");

        assertThat(notices.find(accepted.notice().id())).isPresent();
        assertThat(notices.isAwaitingDispatch(accepted.notice().id())).isTrue();
        assertThat(intake.submit("acme", Fixtures.validBody(), "k-6").replayed()).isTrue();

        queue.failure = null;
        Clock later = Clock.offset(Fixtures.clock(), Duration.ofMinutes(2));
        int requeued = new DispatchService(notices, new dev.takedown.core.testing.InMemoryRightholderStore(), queue, new RecordingNotifications(), later, Duration.ofSeconds(60)).redispatch();
        assertThat(requeued).isEqualTo(1);
        assertThat(queue.itemsQueuedFor(accepted.notice().id())).containsExactly(0, 1);
        assertThat(notices.isAwaitingDispatch(accepted.notice().id())).isFalse();
    }

    @Test
    void whenStorageFailsTheRetryFinishesTheSameNotice() {
        notices.failWrites = new DependencyException("table down", null);
        assertThat(catchThrowableOfType(DependencyException.class,
                () -> intake.submit("acme", Fixtures.validBody(), "k-7"))).isNotNull();
        String claimedId = idempotency.find("acme", "k-7").orElseThrow().noticeId();

        notices.failWrites = null;
        IntakeService.Accepted retry = intake.submit("acme", Fixtures.validBody(), "k-7");
        assertThat(retry.replayed()).isFalse();
        assertThat(retry.notice().id()).isEqualTo(claimedId);
        assertThat(notices.size()).isEqualTo(1);
    }

    @Test
    void whenMarkingTheKeyCompleteFailsTheRetryReplaysRatherThanStoringASecondNotice() {
        IdempotencyStore failingComplete = new IdempotencyStore() {
            @Override
            public java.util.Optional<Entry> find(String rightholderId, String key) {
                return idempotency.find(rightholderId, key);
            }

            @Override
            public boolean claim(Entry entry, java.time.Instant now) {
                return idempotency.claim(entry, now);
            }

            @Override
            public void complete(String rightholderId, String key) {
                throw new DependencyException("table down", null);
            }

            @Override
            public void releaseLock(String rightholderId, String key, java.time.Instant now) {
                idempotency.releaseLock(rightholderId, key, now);
            }
        };
        IntakeService flaky = new IntakeService(new SubmissionParser(1000), new ListingLocator(ListingLocator.DEFAULT_PATTERNS),
                Fixtures.RIGHT_STORE, new dev.takedown.core.testing.InMemoryRightholderStore(), notices, failingComplete, queue, new dev.takedown.core.testing.RecordingNotifications(),
                new dev.takedown.core.testing.InMemoryFiguresStore(), Fixtures.clock());
        assertThat(catchThrowableOfType(DependencyException.class,
                () -> flaky.submit("acme", Fixtures.validBody(), "k-8"))).isNotNull();

        IntakeService.Accepted retry = intake.submit("acme", Fixtures.validBody(), "k-8");
        assertThat(notices.size()).isEqualTo(1);
        assertThat(retry.notice().id()).isEqualTo(notices.all().keySet().iterator().next());
    }

    private IntakeService intakeFor(Rightholder rightholder, Clock clock) {
        return new IntakeService(new SubmissionParser(1000), new ListingLocator(ListingLocator.DEFAULT_PATTERNS),
                Fixtures.RIGHT_STORE, new InMemoryRightholderStore().with(rightholder), notices, idempotency, queue,
                new RecordingNotifications(), new dev.takedown.core.testing.InMemoryFiguresStore(), clock);
    }

    @Test
    void aSuspendedSenderIsRefusedWithTheEndOfItsSuspensionAndNothingIsStoredUntilItEnds() {
        java.time.Instant until = Fixtures.NOW.plus(Duration.ofDays(30));
        Rightholder suspended = new Rightholder("acme", "Acme", "legal@acme.example", null,
                RightholderTrust.INITIAL.next(Tier.SUSPENDED, Fixtures.NOW, "AUTO", false, null, null, until));

        Problem refused = catchThrowableOfType(ProblemException.class, () -> intakeFor(suspended, Fixtures.clock())
                .submit("acme", Fixtures.validBody(), "k-s")).problem();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/notifier-suspended");
        assertThat(refused.extensions()).containsEntry("suspendedUntil", until.toString());
        assertThat(notices.size()).isZero();
        assertThat(queue.sent).isEmpty();

        IntakeService.Accepted accepted = intakeFor(suspended, Clock.fixed(until, ZoneOffset.UTC))
                .submit("acme", Fixtures.validBody(), "k-s");
        assertThat(accepted.notice().status()).isEqualTo(NoticeStatus.RECEIVED);
    }

    @Test
    void aTrustedSendersWorkGoesToThePriorityQueue() {
        Rightholder trusted = new Rightholder("acme", "Acme", "legal@acme.example", null,
                RightholderTrust.INITIAL.next(Tier.TRUSTED, Fixtures.NOW, "AUTO", false, null, null, null));
        String id = intakeFor(trusted, Fixtures.clock()).submit("acme", Fixtures.validBody(), null).notice().id();
        assertThat(queue.sent).singleElement().satisfies(sent -> {
            assertThat(sent.noticeId()).isEqualTo(id);
            assertThat(sent.priority()).isTrue();
        });
        intake.submit("acme", NoticeBodies.valid().put("explanation", "Another notice.").toString(), null);
        assertThat(queue.sent.get(1).priority()).as("a STANDARD sender").isFalse();
    }
}
