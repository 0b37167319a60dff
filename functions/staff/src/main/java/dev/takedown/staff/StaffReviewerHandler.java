package dev.takedown.staff;

import dev.takedown.aws.Adapters;
import dev.takedown.aws.Priming;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffRequests.Role;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import java.time.Clock;
import java.util.Map;

/**
 * StaffReviewerFunction: the review queue, item decisions and reading notices, rightholders and sellers. It cannot
 * issue or revoke keys, register rightholders, or set tiers, rights or standings: those are StaffAdminFunction's.
 */
public final class StaffReviewerHandler extends StaffHandler {
    public StaffReviewerHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by reading a notice and a rightholder that do not exist,
     * the items and audit trail of that notice (none), and the first entry of the review queue; then its recorded
     * sample invocation, a notice read, replayed ({@link Priming#replay}).
     */
    public StaffReviewerHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        Priming.register(checkpoints, "StaffReviewerFunction",
                () -> Priming.invoke(this, Json.object().put("operation", "getNotice")
                        .put("noticeId", Priming.ABSENT_NOTICE_ID)),
                () -> Priming.invoke(this, Json.object().put("operation", "getRightholder")
                        .put("rightholderId", Priming.ABSENT_ID)),
                () -> adapters.notices().allItems(Priming.ABSENT_NOTICE_ID, null),
                () -> adapters.audit().forNotice(Priming.ABSENT_NOTICE_ID),
                () -> Priming.invoke(this, Json.object().put("operation", "reviewQueue").put("limit", 1)),
                Priming.replay("StaffReviewerFunction", environment,
                        replay -> new StaffReviewerHandler(replay.adapters(), replay.clock())));
    }

    public StaffReviewerHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public StaffReviewerHandler(Map<String, String> environment, Clock clock) {
        super(Role.REVIEWER, environment, clock);
    }

    private StaffReviewerHandler(Adapters adapters, Clock clock) {
        super(Role.REVIEWER, adapters, clock);
    }

    public StaffReviewerHandler(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks,
                                    ComplaintStaffService complaints, ReportStaffService reports) {
        super(Role.REVIEWER, staff, trust, webhooks, complaints, reports);
    }
}
