package dev.takedown.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Right;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReviewService;
import dev.takedown.core.staff.StaffException;
import dev.takedown.core.staff.StaffRequests;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.text.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The review queue, or the open complaints, as a CloudWatch dashboard custom widget: server-rendered HTML, oldest
 * first, each entry with its listing, right, evidence and why it waits for a person, and buttons whose
 * {@code <cwdb-action>} call this function back to decide it. The console runs no script in a widget, so every
 * click is a call that answers the whole widget again.
 *
 * <p>The console hands the function no identity of the person viewing the dashboard (who may invoke it is IAM's
 * business). A decision therefore needs the reviewer's name typed into the widget, and is recorded as made through
 * the console: {@code decidedBy} is {@code console+<reviewer>}.
 */
final class ReviewWidget {
    static final String STAFF_ID_PREFIX = "console+";
    static final int DEFAULT_PAGE_SIZE = 5;
    static final int MAX_PAGE_SIZE = 20;
    /** A staff id is at most 128 characters, the prefix included. */
    private static final Pattern REVIEWER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,119}");
    private static final int MAX_EXPLANATION = 600;

    static final String DOCS = """
            ## Takedown review queue
            Items waiting for a person's review, or open complaints, oldest first: each with its listing, the right \
            it is reported under, the notice's evidence and the rule that sent it to review (for a complaint, the \
            complaint and its evidence). **Action** / **Reject** decide an item, **Uphold** / **Reverse** a \
            complaint; both need the reviewer's name and a reason, and are recorded as made through the console \
            (`console+<reviewer>`).

            ### Widget parameters
            Param | Description
            ---|---
            **queue** | `review` (default): items in NEEDS_REVIEW; `complaints`: items with an open complaint
            **pageSize** | entries per page, 1-20 (default 5)

            ### Example parameters
            ``` yaml
            queue: review
            pageSize: 5
            ```
            """;

    enum Queue {
        REVIEW, COMPLAINTS
    }

    private final ReviewService reviews;
    private final ComplaintStaffService complaints;
    private final NoticeStore notices;
    private final RightStore rights;
    private final ListingStore listings;
    private final Clock clock;

    ReviewWidget(ReviewService reviews, ComplaintStaffService complaints, NoticeStore notices, RightStore rights,
                 ListingStore listings, Clock clock) {
        this.reviews = reviews;
        this.complaints = complaints;
        this.notices = notices;
        this.rights = rights;
        this.listings = listings;
        this.clock = clock;
    }

    /** A message above the queue: what the last click did, or why it did nothing. */
    private record Banner(boolean ok, String text, List<String> details) {
        static Banner error(String text, List<String> details) {
            return new Banner(false, text, details);
        }
    }

    /** The widget after the event: a decision taken first if the click asked for one, then a page of the queue. */
    String answer(WidgetEvent event, String endpoint) {
        Queue queue = queue(event.param("queue"));
        Integer pageSize = pageSize(event.param("pageSize"));
        if (queue == null || pageSize == null) {
            return style() + "<p class=\"banner error\">This widget's parameters are wrong: queue must be review or"
                    + " complaints, pageSize a whole number from 1 to " + MAX_PAGE_SIZE + ". See the widget's"
                    + " documentation (describe).</p>";
        }
        String action = event.action();
        Banner banner = null;
        String cursor = null;
        if ("page".equals(action)) {
            cursor = text(event.call(), "cursor");
        } else if ("decideItem".equals(action) && queue == Queue.REVIEW) {
            banner = decideItem(event);
        } else if ("decideComplaint".equals(action) && queue == Queue.COMPLAINTS) {
            banner = decideComplaint(event);
        } else if (action != null) {
            banner = Banner.error("Nothing done: this widget does not know the action " + action + ".", List.of());
        }
        Page<NoticeStore.ReviewItem> page;
        try {
            StaffRequests.ReviewQueue request = new StaffRequests.ReviewQueue(pageSize, cursor);
            page = queue == Queue.REVIEW ? reviews.reviewQueue(request) : complaints.complaintQueue(request);
        } catch (StaffException e) {
            banner = Banner.error("That page is no longer there: back to the first page.", List.of());
            StaffRequests.ReviewQueue first = new StaffRequests.ReviewQueue(pageSize, null);
            page = queue == Queue.REVIEW ? reviews.reviewQueue(first) : complaints.complaintQueue(first);
        }
        return render(queue, page, banner, event, endpoint);
    }

    private static Queue queue(String param) {
        if (param == null || param.equals("review")) {
            return Queue.REVIEW;
        }
        return param.equals("complaints") ? Queue.COMPLAINTS : null;
    }

    private static Integer pageSize(String param) {
        if (param == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(param);
            return size >= 1 && size <= MAX_PAGE_SIZE ? size : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- decisions

    private Banner decideItem(WidgetEvent event) {
        JsonNode call = event.call();
        String key = key(text(call, "noticeId"), call.path("index").asText());
        List<String> missing = required(event, "reason:" + key);
        if (!missing.isEmpty()) {
            return Banner.error("Not decided: fill in what is missing.", missing);
        }
        ObjectNode request = Json.object();
        request.set("noticeId", call.get("noticeId"));
        request.set("index", call.get("index"));
        request.set("decision", call.get("decision"));
        if ("REJECT".equals(text(call, "decision"))) {
            request.put("reasonCode", event.input("reasonCode:" + key));
        }
        request.put("staffId", staffId(event));
        request.put("note", event.input("reason:" + key));
        try {
            return decidedBanner(reviews.decideItem(StaffRequests.decideItem(request)));
        } catch (StaffException e) {
            return refused(e);
        }
    }

    private Banner decideComplaint(WidgetEvent event) {
        JsonNode call = event.call();
        String key = key(text(call, "noticeId"), call.path("index").asText()) + ":" + text(call, "from");
        List<String> missing = required(event, "reason:" + key);
        if (!missing.isEmpty()) {
            return Banner.error("Not decided: fill in what is missing.", missing);
        }
        ObjectNode request = Json.object();
        request.set("noticeId", call.get("noticeId"));
        request.set("index", call.get("index"));
        request.set("from", call.get("from"));
        request.set("decision", call.get("decision"));
        request.put("staffId", staffId(event));
        request.put("reason", event.input("reason:" + key));
        try {
            return decidedBanner(complaints.decideComplaint(StaffRequests.decideComplaint(request)));
        } catch (StaffException e) {
            return refused(e);
        }
    }

    /** The reviewer (required, and of a staff id's shape) and the entry's reason are needed for any decision. */
    private static List<String> required(WidgetEvent event, String reasonInput) {
        List<String> missing = new ArrayList<>();
        String reviewer = event.input("reviewer");
        if (reviewer == null) {
            missing.add("Reviewer: required (your name, recorded with the decision)");
        } else if (!REVIEWER.matcher(reviewer).matches()) {
            missing.add("Reviewer: letters, digits and . _ @ + - only, at most 120 characters");
        }
        if (event.input(reasonInput) == null) {
            missing.add("Reason: required");
        }
        return missing;
    }

    private static String staffId(WidgetEvent event) {
        return STAFF_ID_PREFIX + event.input("reviewer");
    }

    private static Banner decidedBanner(StaffService.Decided decided) {
        NoticeItem item = decided.item();
        Notice notice = decided.notice();
        String text = "Item " + item.index() + " of " + notice.id() + " is now " + item.status()
                + (item.reason() == null ? "" : " (" + item.reason() + ")") + "; the notice is " + notice.status()
                + (notice.outcome() == null ? "" : ", outcome " + notice.outcome()) + ".";
        return new Banner(true, text, List.of());
    }

    /** What staff would be answered, with the event's field names put as the widget names them. */
    private static Banner refused(StaffException e) {
        List<String> details = new ArrayList<>();
        for (FieldError error : e.errors()) {
            details.add(fieldName(error.field()) + ": " + error.message());
        }
        String text = e.type() == StaffException.Type.InvalidRequest ? "Not decided." : "Not decided: " + e.getMessage();
        return Banner.error(text, e.type() == StaffException.Type.InvalidRequest ? details : List.of());
    }

    private static String fieldName(String field) {
        return switch (field) {
            case "staffId" -> "Reviewer";
            case "note", "reason" -> "Reason";
            case "reasonCode" -> "Reject as";
            default -> field;
        };
    }

    // ---------------------------------------------------------------- rendering

    private String render(Queue queue, Page<NoticeStore.ReviewItem> page, Banner banner, WidgetEvent event,
                          String endpoint) {
        StringBuilder html = new StringBuilder(8192).append(style()).append("<form class=\"review-widget\">");
        html.append("<div class=\"bar\"><label>Reviewer <input name=\"reviewer\" maxlength=\"120\" value=\"")
                .append(Html.escape(event.input("reviewer"))).append("\" placeholder=\"your name\"></label>")
                .append("<span class=\"hint\">Decisions are recorded as made through the console by ")
                .append(STAFF_ID_PREFIX).append("&lt;reviewer&gt;.</span></div>");
        if (banner != null) {
            html.append("<div class=\"banner ").append(banner.ok() ? "ok" : "error").append("\" role=\"status\">")
                    .append(Html.escape(banner.text()));
            if (!banner.details().isEmpty()) {
                html.append("<ul>");
                banner.details().forEach(d -> html.append("<li>").append(Html.escape(d)).append("</li>"));
                html.append("</ul>");
            }
            html.append("</div>");
        }
        Map<String, Notice> noticesById = new HashMap<>();
        Map<String, Optional<Right>> rightsById = new HashMap<>();
        if (page.entries().isEmpty()) {
            html.append("<p class=\"empty\">").append(queue == Queue.REVIEW ? "No item waits for review."
                    : "No complaint is open.").append("</p>");
        }
        for (NoticeStore.ReviewItem entry : page.entries()) {
            Notice notice = noticesById.computeIfAbsent(entry.noticeId(), id -> notices.find(id).orElse(null));
            if (notice == null) {
                continue;
            }
            Optional<Right> right = rightsById.computeIfAbsent(notice.rightId(), rights::find);
            Optional<Listing> listing = entry.item().listingId() == null ? Optional.empty()
                    : listings.find(entry.item().listingId());
            if (queue == Queue.REVIEW) {
                reviewEntry(html, notice, entry.item(), right, listing, event, endpoint);
            } else {
                complaintEntry(html, notice, entry.item(), right, listing, event, endpoint);
            }
        }
        html.append("<div class=\"paging\">");
        action(html, "btn", "First page", endpoint, Json.object().put("action", "page"), null);
        if (page.nextCursor() != null) {
            action(html, "btn", "Next page", endpoint, Json.object().put("action", "page").put("cursor", page.nextCursor()),
                    null);
        }
        html.append("</div></form>");
        return html.toString();
    }

    private void reviewEntry(StringBuilder html, Notice notice, NoticeItem item, Optional<Right> right,
                             Optional<Listing> listing, WidgetEvent event, String endpoint) {
        String key = key(notice.id(), Integer.toString(item.index()));
        Instant since = item.decision().decidedAt();
        html.append("<section class=\"entry\" data-notice=\"").append(Html.escape(notice.id())).append("\" data-index=\"")
                .append(item.index()).append("\"><h4>");
        listingHeading(html, item, listing);
        html.append("</h4><p class=\"meta\">Waiting ").append(age(since)).append(" (since ")
                .append(Times.format(since)).append(")");
        if (item.decision().reviewFirst()) {
            html.append(" <span class=\"first\" title=\"sent by a TRUSTED sender: reviewed ahead of others\">TRUSTED sender</span>");
        }
        html.append("</p><p><b>Sent to review by</b> ").append(Html.escape(item.decision().rule().name()));
        if (item.reason() != null) {
            html.append(" (").append(Html.escape(item.reason().name())).append(")");
        }
        html.append(": ").append(Html.escape(why(item.reason()))).append("</p>");
        noticeFacts(html, notice, item, right, listing);
        html.append("<div class=\"decide\"><label>Reason <textarea name=\"reason:").append(Html.escape(key))
                .append("\" rows=\"2\" maxlength=\"1000\" placeholder=\"why; recorded with the decision\">")
                .append(Html.escape(event.input("reason:" + key))).append("</textarea></label>")
                .append("<label>Reject as <select name=\"reasonCode:").append(Html.escape(key)).append("\">");
        String chosen = event.input("reasonCode:" + key);
        for (ItemReason reason : StaffRequests.STAFF_REJECT_REASONS) {
            html.append("<option value=\"").append(reason.name()).append("\"")
                    .append(reason.name().equals(chosen) ? " selected" : "").append(">").append(reason.name())
                    .append("</option>");
        }
        html.append("</select></label>");
        ObjectNode decide = Json.object().put("action", "decideItem").put("noticeId", notice.id())
                .put("index", item.index());
        String listingName = item.listingId() == null ? "this listing" : "listing " + item.listingId();
        action(html, "btn btn-primary", "Action", endpoint, decide.deepCopy().put("decision", "ACTION"),
                "Take down " + listingName + "? Its seller gets a statement of reasons.");
        action(html, "btn", "Reject", endpoint, decide.deepCopy().put("decision", "REJECT"),
                "Reject the report of " + listingName + " with the reason chosen?");
        html.append("</div></section>");
    }

    private void complaintEntry(StringBuilder html, Notice notice, NoticeItem item, Optional<Right> right,
                                Optional<Listing> listing, WidgetEvent event, String endpoint) {
        Party from = item.redress().rightholderComplaint() != null && item.redress().rightholderComplaint().open()
                ? Party.RIGHTHOLDER : Party.SELLER;
        Complaint complaint = item.redress().complaintOf(from);
        if (complaint == null) {
            return;
        }
        String key = key(notice.id(), Integer.toString(item.index())) + ":" + from.name();
        html.append("<section class=\"entry\" data-notice=\"").append(Html.escape(notice.id())).append("\" data-index=\"")
                .append(item.index()).append("\"><h4>");
        listingHeading(html, item, listing);
        html.append("</h4><p class=\"meta\">Complaint by the ").append(from == Party.SELLER ? "seller" : "rightholder")
                .append(", waiting ").append(age(complaint.filedAt())).append(" (filed ")
                .append(Times.format(complaint.filedAt())).append(")</p>");
        html.append("<p><b>Against</b> ").append(Html.escape(item.status().name()));
        if (item.decision() != null) {
            html.append(", decided by ").append(Html.escape(item.decision().decidedBy())).append(" (")
                    .append(Html.escape(item.decision().rule().name())).append(")");
        }
        html.append("</p><p class=\"quote\">").append(Html.escape(Html.shortened(complaint.explanation(), MAX_EXPLANATION)))
                .append("</p>");
        evidence(html, "Complaint's evidence", complaint.evidence());
        noticeFacts(html, notice, item, right, listing);
        html.append("<div class=\"decide\"><label>Reason <textarea name=\"reason:").append(Html.escape(key))
                .append("\" rows=\"2\" maxlength=\"1000\" placeholder=\"why; the complainant is told\">")
                .append(Html.escape(event.input("reason:" + key))).append("</textarea></label>");
        ObjectNode decide = Json.object().put("action", "decideComplaint").put("noticeId", notice.id())
                .put("index", item.index()).put("from", from.name());
        boolean seller = from == Party.SELLER;
        action(html, "btn", "Uphold", endpoint, decide.deepCopy().put("decision", "UPHOLD"),
                seller ? "Uphold: the takedown stands?" : "Uphold: the rejection stands?");
        action(html, "btn btn-primary", "Reverse", endpoint, decide.deepCopy().put("decision", "REVERSE"),
                seller ? "Reverse: put the listing back?" : "Reverse: take the listing down?");
        html.append("</div></section>");
    }

    private static void listingHeading(StringBuilder html, NoticeItem item, Optional<Listing> listing) {
        String title = listing.map(Listing::title).filter(t -> !t.isBlank()).orElse(item.url() != null ? item.url()
                : "listing " + item.listingId());
        String shown = Html.shortened(title, 160);
        html.append(item.url() == null ? Html.escape(shown) : Html.link(item.url(), shown));
    }

    /** The listing, the right and the notice's own evidence: what a reviewer weighs. */
    private static void noticeFacts(StringBuilder html, Notice notice, NoticeItem item, Optional<Right> right,
                                    Optional<Listing> listing) {
        html.append("<table class=\"facts\"><tr><th>Listing</th><td>");
        if (listing.isPresent()) {
            Listing l = listing.get();
            html.append(Html.escape(l.id())).append(", seller ").append(Html.escape(l.sellerId()))
                    .append(", brand ").append(Html.escape(l.brand() == null ? "none" : l.brand()))
                    .append(", ").append(Html.escape(l.status().name()));
        } else {
            html.append(Html.escape(item.listingId() == null ? "unknown" : item.listingId() + " (not in the catalog)"));
        }
        html.append("</td></tr><tr><th>Right</th><td>");
        if (right.isPresent()) {
            Right r = right.get();
            html.append(Html.escape(r.id())).append(": ").append(Html.escape(r.type().name()));
            if (r.mark() != null) {
                html.append(" \u201c").append(Html.escape(r.mark())).append("\u201d");
            }
            html.append(", ").append(Html.escape(r.registrationNumber())).append(" (")
                    .append(Html.escape(r.jurisdiction())).append("), ").append(Html.escape(r.status().name()));
            if (r.validUntil() != null) {
                html.append(", valid until ").append(r.validUntil());
            }
        } else {
            html.append(Html.escape(notice.rightId())).append(" (no longer stored)");
        }
        html.append("</td></tr><tr><th>Notice</th><td>").append(Html.escape(notice.id())).append(" #").append(item.index())
                .append(", ").append(Html.escape(notice.reason().name())).append(", from ")
                .append(Html.escape(notice.rightholderId())).append("</td></tr><tr><th>Explanation</th><td>")
                .append(Html.escape(Html.shortened(notice.explanation(), MAX_EXPLANATION))).append("</td></tr></table>");
        evidence(html, "Evidence", notice.evidence());
    }

    private static void evidence(StringBuilder html, String label, List<Evidence> evidence) {
        html.append("<p class=\"evidence\"><b>").append(label).append("</b> ");
        if (evidence.isEmpty()) {
            html.append("none");
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            html.append(i == 0 ? "" : " · ").append(Html.link(e.url(), (e.kind() == null ? "" : e.kind().name() + " ")
                    + Html.shortened(e.url(), 80)));
            if (e.sha256() != null) {
                html.append(" <span class=\"hash\" title=\"SHA-256 ").append(Html.escape(e.sha256())).append("\">sha256 ")
                        .append(Html.escape(e.sha256().substring(0, Math.min(12, e.sha256().length())))).append("…</span>");
            }
        }
        html.append("</p>");
    }

    /**
     * An element that calls this function back with {@code params} and shows the answer in the widget: the console's
     * {@code <cwdb-action>}, which reads its JSON body as the element's text, so the JSON is escaped as text.
     */
    private static void action(StringBuilder html, String classes, String label, String endpoint, ObjectNode params,
                               String confirmation) {
        html.append("<a class=\"").append(classes).append("\">").append(Html.escape(label)).append("</a>")
                .append("<cwdb-action action=\"call\" display=\"widget\" endpoint=\"").append(Html.escape(endpoint))
                .append("\"");
        if (confirmation != null) {
            html.append(" confirmation=\"").append(Html.escape(confirmation)).append("\"");
        }
        html.append(">").append(Html.escape(Json.write(params))).append("</cwdb-action>");
    }

    /** Why the verifier left the item to a person, in words. */
    private static String why(ItemReason reason) {
        if (reason == null) {
            return "a person decides.";
        }
        return switch (reason) {
            case BRAND_MISMATCH -> "neither the listing's brand nor its title carries the mark.";
            case REFERENTIAL_USE -> "the title names the mark only to refer to it (compatible with, for, ...).";
            case OTHER_BRAND -> "the title names the mark, but the listing is sold under another brand.";
            case WORK_COMPARISON -> "copyright, design or patent: compare the work with the listing.";
            default -> "a person decides.";
        };
    }

    private String age(Instant since) {
        Duration waited = Duration.between(since, clock.instant());
        if (waited.isNegative()) {
            waited = Duration.ZERO;
        }
        if (waited.toDays() > 0) {
            return waited.toDays() + " d " + waited.toHoursPart() + " h";
        }
        if (waited.toHours() > 0) {
            return waited.toHours() + " h " + waited.toMinutesPart() + " min";
        }
        return waited.toMinutes() + " min";
    }

    /** Inputs are named after the entry they belong to, since the console sends every input of the widget. */
    private static String key(String noticeId, String index) {
        return noticeId + ":" + index;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String style() {
        return "<style>"
                + ".review-widget{font:13px/1.4 sans-serif}"
                + ".review-widget .bar{display:flex;gap:12px;align-items:center;margin-bottom:8px}"
                + ".review-widget .hint,.review-widget .meta,.review-widget .hash{color:#687078;font-size:12px}"
                + ".review-widget .banner{padding:6px 10px;margin:6px 0;border-radius:2px}"
                + ".review-widget .banner.ok{background:#f2fcf3;border-left:4px solid #1d8102}"
                + ".review-widget .banner.error{background:#fff7f7;border-left:4px solid #d13212}"
                + ".review-widget .entry{border-top:1px solid #eaeded;padding:8px 0}"
                + ".review-widget h4{margin:0 0 2px;font-size:14px}"
                + ".review-widget p{margin:3px 0}"
                + ".review-widget .first{background:#0073bb;color:#fff;padding:0 4px;border-radius:2px}"
                + ".review-widget .quote{border-left:3px solid #d5dbdb;padding-left:6px}"
                + ".review-widget .facts th{text-align:left;padding-right:8px;font-weight:600;vertical-align:top}"
                + ".review-widget .decide{display:flex;gap:8px;align-items:flex-end;flex-wrap:wrap;margin-top:4px}"
                + ".review-widget textarea{width:320px}"
                + ".review-widget .paging{margin-top:8px;display:flex;gap:8px}"
                + "</style>";
    }
}
