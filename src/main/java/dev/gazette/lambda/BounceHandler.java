package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Bounces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

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
        Bounces bounces = new Bounces(cloud.subscribers());
        JsonArray records = event.has("Records") && event.get("Records").isJsonArray()
                ? event.getAsJsonArray("Records") : new JsonArray();
        for (JsonElement record : records) {
            Log log = Log.of("bounce");
            try {
                String topic = topic(record);
                if (topic.equals(cloud.variable(Config.BOUNCE_TOPIC))) {
                    handle(notification(record), bounces, log);
                } else {
                    // Anyone may publish to a topic they own and subscribe this function to it by mistake, or not.
                    log.with("topic", topic).with("outcome", "not from the stack's bounce topic ("
                            + Config.BOUNCE_TOPIC + "), refused");
                }
            } catch (SdkException e) {
                // AWS itself failed: SNS invokes the function again later.
                throw e;
            } catch (RuntimeException e) {
                log.with("outcome", "not understood, passed over").with("error", String.valueOf(e));
            }
            log.print();
        }
        Events.write(output, new JsonObject());
    }

    private static String topic(JsonElement record) {
        JsonElement topic = record.getAsJsonObject().getAsJsonObject("Sns").get("TopicArn");
        return topic == null || topic.isJsonNull() ? "" : topic.getAsString();
    }

    private static JsonObject notification(JsonElement record) {
        String message = record.getAsJsonObject().getAsJsonObject("Sns").get("Message").getAsString();
        return JsonParser.parseString(message).getAsJsonObject();
    }

    private void handle(JsonObject notification, Bounces bounces, Log log) throws IOException {
        String type = notification.has("eventType") ? notification.get("eventType").getAsString()
                : notification.has("notificationType") ? notification.get("notificationType").getAsString() : "";
        switch (type) {
            case "Bounce" -> {
                JsonObject bounce = notification.getAsJsonObject("bounce");
                boolean permanent = bounce.get("bounceType").getAsString().equals("Permanent");
                List<String> addresses = addresses(bounce.getAsJsonArray("bouncedRecipients"));
                Optional<String> digest = campaign(notification);
                List<String> suppressed = new ArrayList<>();
                for (String address : addresses) {
                    if (permanent) {
                        bounces.bounced(address, clock.instant());
                        suppressed.add(address);
                    } else if (digest.isPresent() && bounces.softBounced(address, digest.get(),
                            cloud.catalog().recentlySent(Bounces.SOFT_BOUNCE_LIMIT), clock.instant())) {
                        suppressed.add(address);
                    }
                }
                log.with("type", permanent ? "permanent bounce" : "transient bounce").with("recipients", addresses)
                        .with("suppressed", suppressed).with("outcome", "handled");
            }
            case "Complaint" -> {
                List<String> addresses = addresses(notification.getAsJsonObject("complaint")
                        .getAsJsonArray("complainedRecipients"));
                for (String address : addresses) {
                    bounces.complained(address, clock.instant());
                }
                log.with("type", "complaint").with("recipients", addresses).with("suppressed", addresses)
                        .with("outcome", "handled");
            }
            default -> log.with("type", type).with("outcome", "not a bounce or complaint, passed over");
        }
    }

    private static List<String> addresses(JsonArray recipients) {
        List<String> addresses = new ArrayList<>();
        for (JsonElement recipient : recipients) {
            EmailAddress.normalise(recipient.getAsJsonObject().get("emailAddress").getAsString())
                    .ifPresent(addresses::add);
        }
        return addresses;
    }

    /** The digest a message belonged to: its {@code campaign} tag, as SES reports it in {@code mail.tags}. */
    private static Optional<String> campaign(JsonObject notification) {
        JsonObject mail = notification.has("mail") ? notification.getAsJsonObject("mail") : null;
        if (mail == null || !mail.has("tags") || !mail.getAsJsonObject("tags").has("campaign")) {
            return Optional.empty();
        }
        String campaign = mail.getAsJsonObject("tags").getAsJsonArray("campaign").get(0).getAsString();
        return campaign.startsWith("confirm-") ? Optional.empty() : Optional.of(campaign);
    }
}
