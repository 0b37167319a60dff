package dev.takedown.staff;

import dev.takedown.aws.Adapters;
import dev.takedown.aws.Priming;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffRequests;
import dev.takedown.core.staff.StaffRequests.Role;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import java.time.Clock;
import java.util.Map;

/**
 * StaffAdminFunction: rightholder registration, activation and API keys, sellers' API keys, right status, tiers and
 * suspensions, strikes and seller reinstatement. Reading and deciding are StaffReviewerFunction's.
 */
public final class StaffAdminHandler extends StaffHandler {
    public StaffAdminHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by a reviewer's operation (answered as sent to the
     * wrong function), a request parsed, and a right that does not exist read; then its recorded sample
     * invocation, a right's status set, replayed ({@link Priming#replay}).
     */
    public StaffAdminHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        Priming.register(checkpoints, "StaffAdminFunction",
                () -> Priming.invoke(this, Json.object().put("operation", "getNotice")
                        .put("noticeId", Priming.ABSENT_NOTICE_ID)),
                () -> StaffRequests.setRightStatus(Json.object().put("operation", "setRightStatus")
                        .put("rightId", Priming.ABSENT_ID).put("status", "VERIFIED").put("staffId", Priming.ABSENT_ID)
                        .put("reason", "Parsed only.")),
                () -> adapters.rights().find(Priming.ABSENT_ID),
                Priming.replay("StaffAdminFunction", environment,
                        replay -> new StaffAdminHandler(replay.adapters(), replay.clock())));
    }

    public StaffAdminHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public StaffAdminHandler(Map<String, String> environment, Clock clock) {
        super(Role.ADMIN, environment, clock);
    }

    private StaffAdminHandler(Adapters adapters, Clock clock) {
        super(Role.ADMIN, adapters, clock);
    }

    public StaffAdminHandler(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks,
                                 ComplaintStaffService complaints, ReportStaffService reports) {
        super(Role.ADMIN, staff, trust, webhooks, complaints, reports);
    }
}
