package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.publish.MailFeedback;
import dev.gazette.publish.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Bounce function: SES's bounce and complaint events, through the configuration set's SNS topic. A permanent
 * bounce or a complaint suppresses the address at once; an address that soft-bounces on the last few digests in a
 * row is suppressed too. A notification it does not understand, or from another topic than the stack's, is logged
 * and passed over.
 */
public final class BounceHandler implements RequestStreamHandler {
    private final Cloud cloud;
    private final Clock clock;

    public BounceHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    BounceHandler(Map<String, String> env, Clock clock) {
        this.cloud = new Cloud(env);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = Events.read(input);
        Suppressions suppressions = cloud.suppressions();
        JsonArray records = event.has("Records") && event.get("Records").isJsonArray()
                ? event.getAsJsonArray("Records") : new JsonArray();
        for (JsonElement record : records) {
            Log log = Log.of("bounce");
            Optional<MailFeedback> feedback = decode(record, log);
            if (feedback.isPresent()) {
                // Outside the decoding: a failure here is the stack's, for SNS's retries and FailedEvents.
                Suppressions.Result result = suppressions.handle(feedback.get(), clock.instant());
                log.with("type", feedback.get().type().label()).with("recipients", result.recipients())
                        .with("suppressed", result.suppressed()).with("outcome", "handled");
            }
            log.print();
        }
        Events.write(output, new JsonObject());
    }

    /** What the record asks of the stack; empty, and said in the log, for anything else or anything garbled. */
    private Optional<MailFeedback> decode(JsonElement record, Log log) {
        try {
            SnsMessage message = SnsMessage.of(record);
            if (!message.topic().equals(cloud.variable(Config.BOUNCE_TOPIC))) {
                // Anyone may publish to a topic they own and subscribe this function to it by mistake, or not.
                log.with("topic", message.topic()).with("outcome", "not from the stack's bounce topic ("
                        + Config.BOUNCE_TOPIC + "), refused");
                return Optional.empty();
            }
            JsonObject notification = message.json();
            String type = notification.has("eventType") ? notification.get("eventType").getAsString()
                    : notification.has("notificationType") ? notification.get("notificationType").getAsString() : "";
            Optional<MailFeedback> feedback = feedback(type, notification);
            if (feedback.isEmpty()) {
                log.with("type", type).with("outcome", "not a bounce or complaint, passed over");
            }
            return feedback;
        } catch (RuntimeException e) {
            log.with("outcome", "not understood, passed over").with("error", String.valueOf(e));
            return Optional.empty();
        }
    }

    /** The notification as the core reads it; empty for any other kind of event. */
    private static Optional<MailFeedback> feedback(String type, JsonObject notification) {
        return switch (type) {
            case "Bounce" -> {
                JsonObject bounce = notification.getAsJsonObject("bounce");
                MailFeedback.Type kind = bounce.get("bounceType").getAsString().equals("Permanent")
                        ? MailFeedback.Type.PERMANENT_BOUNCE : MailFeedback.Type.TRANSIENT_BOUNCE;
                yield Optional.of(new MailFeedback(kind, addresses(bounce.getAsJsonArray("bouncedRecipients")),
                        campaign(notification)));
            }
            case "Complaint" -> Optional.of(new MailFeedback(MailFeedback.Type.COMPLAINT,
                    addresses(notification.getAsJsonObject("complaint").getAsJsonArray("complainedRecipients")),
                    campaign(notification)));
            default -> Optional.empty();
        };
    }

    private static List<String> addresses(JsonArray recipients) {
        List<String> addresses = new ArrayList<>();
        for (JsonElement recipient : recipients) {
            addresses.add(recipient.getAsJsonObject().get("emailAddress").getAsString());
        }
        return addresses;
    }

    /** The {@code campaign} tag the message was sent with, as SES reports it in {@code mail.tags}; or null. */
    private static String campaign(JsonObject notification) {
        JsonObject mail = notification.has("mail") ? notification.getAsJsonObject("mail") : null;
        if (mail == null || !mail.has("tags") || !mail.getAsJsonObject("tags").has("campaign")) {
            return null;
        }
        return mail.getAsJsonObject("tags").getAsJsonArray("campaign").get(0).getAsString();
    }
}
