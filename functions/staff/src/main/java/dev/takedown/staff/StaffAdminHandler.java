package dev.takedown.staff;

import dev.takedown.core.staff.ComplaintStaffService;
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
        this(System.getenv());
    }

    public StaffAdminHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public StaffAdminHandler(Map<String, String> environment, Clock clock) {
        super(Role.ADMIN, environment, clock);
    }

    public StaffAdminHandler(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks,
                                 ComplaintStaffService complaints) {
        super(Role.ADMIN, staff, trust, webhooks, complaints);
    }
}
