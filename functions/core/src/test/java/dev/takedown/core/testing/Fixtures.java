package dev.takedown.core.testing;

import dev.takedown.core.intake.IntakeService;
import dev.takedown.core.intake.ListingLocator;
import dev.takedown.core.intake.SubmissionParser;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.SignedCursors;
import dev.takedown.core.reports.RightholderReports;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.trust.TrustStandings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The same small world for every unit test: rightholders acme and globex and their rights. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-28T15:30:00.000Z");

    public static final Map<String, Right> RIGHTS = Map.of(
            "tm-acme-us", new Right("tm-acme-us", "acme", RightType.TRADEMARK, "ACME", "US-1234567", "US",
                    RightStatus.VERIFIED, LocalDate.parse("2035-12-31"), List.of("seller-authorized")),
            "tm-acme-eu", new Right("tm-acme-eu", "acme", RightType.TRADEMARK, "ACME", "EU-018000001", "EU",
                    RightStatus.PENDING, null, List.of()),
            "tm-acme-old", new Right("tm-acme-old", "acme", RightType.TRADEMARK, "ACME", "US-0000001", "US",
                    RightStatus.VERIFIED, LocalDate.parse("2020-01-01"), List.of()),
            "cr-acme-manual", new Right("cr-acme-manual", "acme", RightType.COPYRIGHT, "ACME Product Manual",
                    "TX-9-000-001", "US", RightStatus.VERIFIED, null, List.of()),
            "tm-globex", new Right("tm-globex", "globex", RightType.TRADEMARK, "GLOBEX", "US-7654321", "US",
                    RightStatus.VERIFIED, null, List.of()));

    public static final RightStore RIGHT_STORE = new InMemoryRightStore(RIGHTS);
    public static final String CURSOR_SIGNING_KEY = "cursor-signing-key-of-the-tests-0123456789";
    public static final SignedCursors CURSORS = new SignedCursors(CURSOR_SIGNING_KEY);

    private Fixtures() {
    }

    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    public static IntakeService intake(InMemoryNoticeStore notices, InMemoryIdempotencyStore idempotency,
                                       RecordingQueue queue, Clock clock) {
        return intake(notices, idempotency, queue, new InMemoryFiguresStore(), clock);
    }

    public static IntakeService intake(InMemoryNoticeStore notices, InMemoryIdempotencyStore idempotency,
                                       RecordingQueue queue, InMemoryFiguresStore figures, Clock clock) {
        return new IntakeService(new SubmissionParser(1000), new ListingLocator(ListingLocator.DEFAULT_PATTERNS),
                RIGHT_STORE, new InMemoryRightholderStore(), notices, idempotency, queue, new RecordingNotifications(),
                figures, clock);
    }

    /** Trust kept in memory, on the rightholders of {@code rightholders}, with the default thresholds. */
    public static TrustService trust(InMemoryRightholderStore rightholders, NotificationQueue notifications) {
        return new TrustService(new InMemoryTrustStore(rightholders), rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    }

    /** A rightholder's reports over these stores, with the default thresholds, on the fixed clock. */
    public static RightholderReports reports(InMemoryFiguresStore figures, InMemoryRightholderStore rightholders,
                                             InMemoryTrustStore trust) {
        return new RightholderReports(figures, rightholders, new TrustStandings(trust, TrustPolicy.DEFAULTS), clock());
    }

    /** A valid notice body; tests change single fields through {@link NoticeBodies}. */
    public static String validBody() {
        return NoticeBodies.valid().toString();
    }
}
