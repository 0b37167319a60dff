package dev.takedown.core.intake;

import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.IdempotencyStore.Entry;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.VerificationQueue;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accepts takedown notices: refuses a suspended sender, checks the notice, stores it and every item, and queues
 * the open items for verification (a TRUSTED sender's on the priority queue). A notice that was answered 202 is
 * durable; its verification work is queued now or, if the queue is unavailable, by the dispatcher later.
 */
public final class IntakeService {
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    /** How long a first request holds its idempotency key before a retry may take over (crash recovery). */
    public static final Duration IDEMPOTENCY_LOCK = NoticeStore.WRITE_LEASE;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final SubmissionParser parser;
    private final ListingLocator locator;
    private final RightStore rights;
    private final RightholderStore rightholders;
    private final NoticeStore notices;
    private final IdempotencyStore idempotency;
    private final VerificationQueue queue;
    private final NotificationQueue notifications;
    private final FiguresStore figures;
    private final Clock clock;

    public IntakeService(SubmissionParser parser, ListingLocator locator, RightStore rights,
                         RightholderStore rightholders, NoticeStore notices, IdempotencyStore idempotency,
                         VerificationQueue queue, NotificationQueue notifications, FiguresStore figures, Clock clock) {
        this.parser = parser;
        this.locator = locator;
        this.rights = rights;
        this.rightholders = rightholders;
        this.notices = notices;
        this.idempotency = idempotency;
        this.queue = queue;
        this.notifications = notifications;
        this.figures = figures;
        this.clock = clock;
    }

    /** The notice as accepted, and whether this answer replays an earlier request with the same key. */
    public record Accepted(Notice notice, List<NoticeItem> items, boolean replayed) {
    }

    public Accepted submit(String rightholderId, String body, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ProblemException(Problem.invalid("The Idempotency-Key header is malformed.",
                    List.of(new FieldError("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RightholderTrust trust = rightholders.find(rightholderId).map(Rightholder::trust).orElse(RightholderTrust.INITIAL);
        if (trust.suspendedAt(now)) {
            throw new ProblemException(Problem.notifierSuspended(trust.suspendedUntil()));
        }
        Submission submission = parser.parse(body);

        Entry existing = idempotencyKey == null ? null
                : idempotency.find(rightholderId, idempotencyKey).filter(e -> !e.expired(now)).orElse(null);
        if (existing != null) {
            Optional<Accepted> answer = answerExisting(existing, submission, now);
            if (answer.isPresent()) {
                return answer.get();
            }
        }

        checkRight(rightholderId, submission, now);
        String noticeId = existing != null ? existing.noticeId() : Ids.notice(now);
        if (idempotencyKey != null) {
            Entry claim = new Entry(rightholderId, idempotencyKey, submission.contentHash(), noticeId,
                    IdempotencyStore.State.IN_PROGRESS, now.plus(IDEMPOTENCY_WINDOW), now.plus(IDEMPOTENCY_LOCK));
            if (!idempotency.claim(claim, now)) {
                Entry winner = idempotency.find(rightholderId, idempotencyKey)
                        .orElseThrow(() -> new ProblemException(Problem.idempotencyConflict("Retry the request.")));
                return answerExisting(winner, submission, now)
                        .orElseThrow(() -> new ProblemException(Problem.idempotencyConflict(
                                "Another request with this Idempotency-Key is being processed; retry shortly.")));
            }
        }

        Accepted accepted;
        try {
            accepted = store(rightholderId, noticeId, submission, trust.trusted(), now);
            if (idempotencyKey != null) {
                idempotency.complete(rightholderId, idempotencyKey);
            }
        } catch (RuntimeException e) {
            if (idempotencyKey != null) {
                releaseQuietly(rightholderId, idempotencyKey, now);
            }
            throw e;
        }
        if (!accepted.replayed()) {
            // A stored notice found by a late retry is queued by the request that stored it or by the dispatcher.
            dispatch(accepted.notice(), accepted.items(), trust.trusted());
        }
        return accepted;
    }

    /** Same key seen before: replay, refuse a different body, or report the first request still running. */
    private Optional<Accepted> answerExisting(Entry existing, Submission submission, Instant now) {
        if (!existing.requestHash().equals(submission.contentHash())) {
            throw new ProblemException(Problem.idempotencyMismatch(
                    "This Idempotency-Key was already used with a different notice; use a new key for a new notice."));
        }
        if (existing.state() == IdempotencyStore.State.COMPLETED) {
            Notice notice = notices.find(existing.noticeId())
                    .orElseThrow(() -> new DependencyException("notice of a completed idempotency entry is missing", null));
            return Optional.of(new Accepted(notice, notices.allItems(notice.id(), null), true));
        }
        if (existing.lockHeld(now)) {
            throw new ProblemException(Problem.idempotencyConflict(
                    "The first request with this Idempotency-Key is still being processed; retry shortly."));
        }
        return Optional.empty();
    }

    /** The right must be the caller's, verified, unexpired and of the type the reason needs. */
    private void checkRight(String rightholderId, Submission submission, Instant now) {
        Right right = rights.find(submission.rightId())
                .filter(r -> r.rightholderId().equals(rightholderId))
                .orElse(null);
        List<FieldError> errors = new ArrayList<>();
        if (right == null) {
            errors.add(new FieldError("rightId", "no right with this id is registered to you"));
        } else {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (right.status() != RightStatus.VERIFIED) {
                errors.add(new FieldError("rightId", "this right is not verified (status " + right.status()
                        + "); notices can rely on verified rights only"));
            } else if (right.expiredOn(today)) {
                errors.add(new FieldError("rightId", "this right expired on " + right.validUntil()));
            }
            if (right.type() != submission.reason().requiredRight()) {
                errors.add(new FieldError("reason", submission.reason() + " needs a "
                        + submission.reason().requiredRight() + " right; " + right.id() + " is a " + right.type()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.unprocessable("The notice cannot rely on this right.", errors));
        }
    }

    private Accepted store(String rightholderId, String noticeId, Submission submission, boolean trustedSender,
                           Instant now) {
        List<NoticeItem> items = resolveItems(submission.items(), now);
        int open = (int) items.stream().filter(i -> i.status().isOpen()).count();
        // With nothing to verify, the notice is complete the moment it is received.
        boolean nothingToVerify = open == 0;
        Notice notice = new Notice(noticeId, rightholderId, submission.rightId(), submission.reason(),
                submission.explanation(), submission.sender(), submission.signature(), submission.evidence(),
                nothingToVerify ? NoticeStatus.COMPLETED : NoticeStatus.RECEIVED, now, items.size(), Progress.start(open),
                nothingToVerify ? NoticeOutcome.NONE : null, nothingToVerify ? now : null, trustedSender);
        return switch (notices.saveNew(notice, items)) {
            case STORED -> {
                Log.info("notice received", "noticeId", noticeId, "rightholderId", rightholderId,
                        "items", items.size(), "openItems", open);
                countReceived(notice, items, trustedSender);
                yield new Accepted(notice, items, false);
            }
            case ALREADY_STORED -> {
                // A retry after the first request stored the notice but could not finish: answer with what is stored,
                // decisions made since included.
                Notice stored = notices.find(noticeId)
                        .orElseThrow(() -> new DependencyException("stored notice " + noticeId + " cannot be read", null));
                Log.info("notice already stored by an earlier attempt", "noticeId", noticeId);
                yield new Accepted(stored, notices.allItems(noticeId, null), true);
            }
            case BEING_WRITTEN -> throw new ProblemException(Problem.idempotencyConflict(
                    "The first request with this Idempotency-Key is still being processed; retry shortly."));
        };
    }

    /**
     * The notice, and the items settled at intake (not a listing URL, named twice), which need no other decision:
     * counted once, by the request that stored them. They wait for nothing, so they give no time to decision in the
     * metrics; the transparency figures count them decided at once, in the first time bucket.
     */
    private void countReceived(Notice notice, List<NoticeItem> items, boolean trustedSender) {
        Metrics.count(Metric.NOTICES_RECEIVED, notice.reason().name());
        Figures.Builder received = Figures.builder()
                .count(Figures.NOTICES_RECEIVED)
                .count(Figures.noticesByReason(notice.reason()))
                .count(Figures.noticesByRightType(notice.reason().requiredRight()))
                .count(Figures.noticesBySender(trustedSender))
                .add(Figures.ITEMS_RECEIVED, items.size());
        items.stream().filter(i -> !i.status().isOpen()).forEach(i -> {
            Metrics.count(Metric.ITEMS_DECIDED, i.status().name(), Metrics.AUTOMATED);
            received.decided(i, Duration.ZERO);
        });
        figures.add(notice.rightholderId(), LocalDate.ofInstant(notice.receivedAt(), ZoneOffset.UTC), received.build());
    }

    /** Every line becomes an item, in order: open, rejected with a reason, or a duplicate of an earlier line. */
    List<NoticeItem> resolveItems(List<Submission.Line> lines, Instant now) {
        List<NoticeItem> items = new ArrayList<>(lines.size());
        Map<String, Integer> firstIndexByListing = new HashMap<>();
        for (Submission.Line line : lines) {
            String listingId = line.listingId();
            String url = null;
            if (line.url() != null) {
                ListingLocator.Located located = locator.locate(line.url());
                if (!located.found()) {
                    items.add(NoticeItem.rejected(line.index(), line.url(), located.rejection(), now));
                    continue;
                }
                listingId = located.listingId();
                url = located.normalizedUrl();
            }
            Integer first = firstIndexByListing.putIfAbsent(listingId, line.index());
            items.add(first == null
                    ? NoticeItem.open(line.index(), url, listingId)
                    : NoticeItem.duplicateInNotice(line.index(), url, listingId, first, now));
        }
        return items;
    }

    /** Queues the open items and announces the notice; on failure the notice stays marked for the dispatcher. */
    private void dispatch(Notice notice, List<NoticeItem> items, boolean priority) {
        try {
            queue.enqueue(notice.id(), openIndexes(items), priority);
            notifications.publish(announcements(notice));
            notices.markDispatched(notice.id());
        } catch (RuntimeException e) {
            Log.warn("verification work not confirmed queued; the dispatcher will queue it again", e,
                    "noticeId", notice.id());
        }
    }

    /** What the rightholder is told of a new notice: received, and completed too when there is nothing to verify. */
    public static List<NotificationEvent> announcements(Notice notice) {
        List<NotificationEvent> events = new ArrayList<>();
        events.add(Notifications.noticeReceived(notice.id(), notice.receivedAt()));
        if (notice.status() == NoticeStatus.COMPLETED) {
            events.add(Notifications.noticeCompleted(notice.id(), notice.completedAt()));
        }
        return events;
    }

    /** Items still waiting for verification: the work to queue. */
    public static List<Integer> openIndexes(List<NoticeItem> items) {
        return items.stream().filter(i -> i.status() == ItemStatus.RECEIVED).map(NoticeItem::index).toList();
    }

    private void releaseQuietly(String rightholderId, String key, Instant now) {
        try {
            idempotency.releaseLock(rightholderId, key, now);
        } catch (RuntimeException e) {
            Log.warn("could not release idempotency key; it frees itself when its lock runs out", e);
        }
    }
}
