package dev.takedown.redress;

import dev.takedown.aws.Adapters;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoTrustStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.trust.TrustService;
import java.time.Clock;

/** The redress service over the function's tables and queue, as both redress functions use it. */
final class RedressWiring {
    private RedressWiring() {
    }

    /** One trust store and queue shared by what feeds the rightholders' records and the sellers' standings. */
    static RedressService service(Adapters adapters, Clock clock) {
        DynamoNoticeStore notices = adapters.notices();
        DynamoListingStore listings = adapters.listings();
        DynamoTrustStore trust = adapters.trust();
        DynamoAuditLog audit = adapters.audit();
        SqsNotificationQueue notifications = adapters.notificationQueue();
        TrustService rightholderTrust = adapters.trustService(trust, notifications);
        RedressFollowUp followUp = new RedressFollowUp(notices, listings, trust, audit, notifications, rightholderTrust,
                adapters.sellerStandings(trust, notifications));
        return new RedressService(notices, listings, adapters.rights(), adapters.rightholders(), trust,
                new DecisionRecorder(notices, audit, notifications, rightholderTrust), followUp,
                RedressPolicy.from(adapters.env()), clock);
    }
}
