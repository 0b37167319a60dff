package dev.takedown.core.staff;

import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.staff.StaffRequests.DecideComplaint;
import dev.takedown.core.staff.StaffRequests.ReviewQueue;
import java.util.List;
import java.util.function.Supplier;

/**
 * Complaints (EU DSA Art. 20) as staff work them: the queue of open complaints of both parties, oldest first, and a
 * person's decision on one. What a decision changes is the redress service's; this answers as staff operations do.
 */
public final class ComplaintStaffService {
    private final RedressService redress;
    private final NoticeStore notices;

    public ComplaintStaffService(RedressService redress, NoticeStore notices) {
        this.redress = redress;
        this.notices = notices;
    }

    public Page<NoticeStore.ReviewItem> complaintQueue(ReviewQueue request) {
        try {
            return refusedAsStaff(() -> redress.complaintQueue(request.cursor(), request.limit()));
        } catch (InvalidCursorException e) {
            throw new StaffException(StaffException.Type.InvalidRequest, "Bad cursor.", List.of(
                    new FieldError("cursor", "use the cursor exactly as a previous page returned it")));
        }
    }

    /** The item after the decision, with its notice as it then stands. */
    public StaffService.Decided decideComplaint(DecideComplaint request) {
        NoticeItem item = refusedAsStaff(() -> redress.decideComplaint(request.noticeId(), request.index(), request.from(),
                request.decision(), request.staffId(), request.reason()));
        Notice notice = notices.find(request.noticeId()).orElseThrow();
        return new StaffService.Decided(notice, item);
    }

    /** What the service refuses is a staff request to correct: the same answer staff get for any other. */
    private static <T> T refusedAsStaff(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            StaffException.Type type = switch (e.problem().status()) {
                case 404 -> StaffException.Type.NotFound;
                case 409 -> StaffException.Type.Conflict;
                default -> StaffException.Type.InvalidRequest;
            };
            throw new StaffException(type, e.problem().detail(), e.problem().errors());
        }
    }
}
