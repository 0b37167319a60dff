package dev.takedown.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReviewService;
import dev.takedown.core.transparency.DecisionFigures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * ReviewWidgetFunction: the review queue and the open complaints as a CloudWatch dashboard custom widget
 * ({@link ReviewWidget}). The dashboard invokes it with the widget's event and shows the HTML it answers (a JSON
 * string); its buttons invoke it again. A decision refused is shown in the widget; only a failing dependency fails
 * the invocation (and raises ReviewWidgetErrorsAlarm).
 */
public final class ReviewWidgetHandler implements RequestStreamHandler {
    private final ReviewWidget widget;

    public ReviewWidgetHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by rendering the first page of each queue, as a
     * dashboard loading the widget would, then its recorded sample invocation replayed ({@link Priming#replay}).
     */
    public ReviewWidgetHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Priming.register(checkpoints, "ReviewWidgetFunction",
                () -> Priming.invoke(this, Json.object().put("queue", "review").put("pageSize", 1)),
                () -> Priming.invoke(this, Json.object().put("queue", "complaints").put("pageSize", 1)),
                Priming.replay("ReviewWidgetFunction", environment,
                        replay -> new ReviewWidgetHandler(replay.adapters(), replay.clock())));
    }

    public ReviewWidgetHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public ReviewWidgetHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)), clock);
    }

    private ReviewWidgetHandler(Adapters adapters, Clock clock) {
        this(reviewService(adapters, clock), new ComplaintStaffService(adapters.redressService(clock), adapters.notices()),
                adapters.notices(), adapters.rights(), adapters.listings(), clock);
    }

    public ReviewWidgetHandler(ReviewService reviews, ComplaintStaffService complaints, NoticeStore notices,
                               RightStore rights, ListingStore listings, Clock clock) {
        this.widget = new ReviewWidget(reviews, complaints, notices, rights, listings, clock);
    }

    /** Decisions recorded as the staff reviewer function records them: audit, completion, webhooks, the record. */
    private static ReviewService reviewService(Adapters adapters, Clock clock) {
        SqsNotificationQueue notifications = adapters.notificationQueue();
        DynamoNoticeStore notices = adapters.notices();
        DynamoAuditLog audit = adapters.audit();
        DynamoRightholderStore rightholders = adapters.rightholders();
        DynamoRightStore rights = adapters.rights();
        DynamoListingStore listings = adapters.listings();
        DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications,
                adapters.trustService(adapters.trust(), notifications), new DecisionFigures(adapters.figures()));
        return new ReviewService(notices, rights, listings, rightholders, recorder, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> answer(input, output, context));
    }

    private void answer(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = StreamJson.read(input);
        } catch (JsonProcessingException e) {
            event = null;
        }
        String html;
        if (event == null || !event.isObject()) {
            html = "<p>This function answers a CloudWatch dashboard's custom widget: its event must be a JSON object.</p>";
        } else {
            WidgetEvent widgetEvent = WidgetEvent.of(event);
            html = widgetEvent.describe() ? ReviewWidget.DOCS : widget.answer(widgetEvent, context.getInvokedFunctionArn());
        }
        StreamJson.write(output, TextNode.valueOf(html));
    }
}
