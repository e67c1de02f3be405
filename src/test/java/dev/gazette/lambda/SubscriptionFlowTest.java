package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Emulators;
import dev.gazette.publish.Catalog;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a subscriber on the emulators, through the events API Gateway and SNS hand the functions:
 * subscribe, confirm, get a digest, leave with one click from its header, get nothing more.
 */
class SubscriptionFlowTest {
    /** On the site's domain, where CloudFront routes the endpoints: never the API's own host. */
    private static final Pattern CONFIRM = Pattern.compile("https://blog\\.example\\.com/confirm\\?token=([A-Za-z0-9_.-]+)");

    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    /** A sample API Gateway event from {@code events/}, with this query string and form body. */
    private static String apiEvent(String sample, String query, String body) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", sample))).getAsJsonObject();
        event.addProperty("rawQueryString", query);
        event.remove("queryStringParameters");
        if (body != null) {
            event.addProperty("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        }
        return event.toString();
    }

    private JsonObject api(String sample, String query, String body) {
        return stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), apiEvent(sample, query, body));
    }

    private Subscription.Status status(String address) {
        return new DynamoSubscribers(stack.dynamo, stack.table).get(address).orElseThrow().status();
    }

    private List<Emulators.SentEmail> emailsTo(String address) {
        return stack.emulators.sentEmails().stream()
                .filter(email -> email.to().get(0).equals(address) || email.to().get(0).endsWith("<" + address + ">"))
                .toList();
    }

    @Test
    void subscribeConfirmReceiveUnsubscribeAndReceiveNoMore() {
        // Subscribe: one confirmation email, with a signed link.
        JsonObject subscribed = api("api-subscribe.json", "", "email=reader%40example.com&name=A+Reader&website=");
        assertEquals(200, subscribed.get("statusCode").getAsInt());
        assertEquals("https://blog.example.com",
                subscribed.getAsJsonObject("headers").get("Access-Control-Allow-Origin").getAsString());
        List<Emulators.SentEmail> confirmations = emailsTo("reader@example.com");
        assertEquals(1, confirmations.size());
        assertEquals("Confirm your subscription to Example Blog", confirmations.get(0).subject());
        Matcher link = CONFIRM.matcher(confirmations.get(0).text());
        assertTrue(link.find(), confirmations.get(0).text());
        assertEquals(Subscription.Status.PENDING, status("reader@example.com"));

        // Confirm from the link.
        JsonObject confirmed = api("api-confirm.json", "token=" + link.group(1), null);
        assertEquals(200, confirmed.get("statusCode").getAsInt());
        assertTrue(confirmed.get("body").getAsString().contains("You are subscribed"));
        assertEquals(Subscription.Status.CONFIRMED, status("reader@example.com"));

        // The next digest reaches them, with the one-click headers.
        stack.publish("2024-05-10-first.md", "---\ntitle: First\n---\nHello.\n");
        stack.sendAll();
        List<Emulators.SentEmail> digests = emailsTo("reader@example.com").stream()
                .filter(email -> email.subject().equals("First")).toList();
        assertEquals(1, digests.size());
        String header = digests.get(0).headers().get("List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", digests.get(0).headers().get("List-Unsubscribe-Post"));
        String unsubscribeUrl = header.substring(1, header.length() - 1);
        assertTrue(unsubscribeUrl.startsWith("https://blog.example.com/unsubscribe?"), unsubscribeUrl);

        // One click, as a mailbox provider posts it, and as CloudFront hands it to the API: same path and query.
        JsonObject unsubscribed = api("api-unsubscribe.json", unsubscribeUrl.substring(unsubscribeUrl.indexOf('?') + 1),
                "List-Unsubscribe=One-Click");
        assertEquals(200, unsubscribed.get("statusCode").getAsInt());
        assertTrue(!unsubscribed.getAsJsonObject("headers").has("Location"), "no redirect");
        assertEquals(Subscription.Status.UNSUBSCRIBED, status("reader@example.com"));

        // The next digest goes to nobody.
        stack.now = stack.now.plusSeconds(3600);
        stack.publish("2024-05-10-second.md", "---\ntitle: Second\n---\nAgain.\n");
        stack.sendAll();
        assertEquals(0, emailsTo("reader@example.com").stream().filter(email -> email.subject().equals("Second")).count());
    }

    /** The SNS event of {@code events/}, with its SES notification about {@code address} and {@code digest}. */
    private static String snsEvent(String sample, String address, String digest) {
        return snsEvent(sample, address, digest, notification -> { });
    }

    /** The same, with the SES notification changed first. */
    private static String snsEvent(String sample, String address, String digest,
                                   java.util.function.Consumer<JsonObject> change) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", sample))).getAsJsonObject();
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject notification = JsonParser.parseString(sns.get("Message").getAsString()
                .replace("reader@example.com", address).replace("20240510-0123456789ab", digest)).getAsJsonObject();
        change.accept(notification);
        sns.addProperty("Message", notification.toString());
        return event.toString();
    }

    @Test
    void aPermanentBounceAndAComplaintSuppressAndTheNextDigestSkipsThem() {
        stack.subscribe("bounces@example.com", "complains@example.com", "stays@example.com");
        stack.invoke(new BounceHandler(stack.env, stack.clock()), snsEvent("sns-bounce.json", "bounces@example.com", "d1"));
        stack.invoke(new BounceHandler(stack.env, stack.clock()),
                snsEvent("sns-complaint.json", "complains@example.com", "d1"));

        assertEquals(Subscription.Status.SUPPRESSED, status("bounces@example.com"));
        assertEquals(Subscription.Status.SUPPRESSED, status("complains@example.com"));
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
        stack.sendAll();
        assertEquals(List.of("stays@example.com"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList());
    }

    @Test
    void softBouncesOnThreeDigestsInARowSuppress() throws IOException {
        stack.subscribe("full@example.com", "fine@example.com");
        for (int day = 1; day <= 3; day++) {
            stack.now = stack.now.plusSeconds(86_400);
            stack.publish("post-" + day + ".md", "---\ntitle: Day " + day + "\ndate: " + stack.now + "\n---\nNews.\n");
            stack.sendAll();
            String digest = lastDigest();
            String event = snsEvent("sns-soft-bounce.json", "full@example.com", digest);
            stack.invoke(new BounceHandler(stack.env, stack.clock()), event);
            assertEquals(day < 3 ? Subscription.Status.CONFIRMED : Subscription.Status.SUPPRESSED,
                    status("full@example.com"), "after day " + day);
        }
        assertEquals(Subscription.Status.CONFIRMED, status("fine@example.com"));
    }

    private String lastDigest() throws IOException {
        List<String> sent = Catalog.open(new DynamoCatalog(stack.dynamo, stack.table)).recentlySent(1);
        return sent.get(sent.size() - 1);
    }

    @Test
    void anUnknownOrMalformedNotificationIsLoggedAndPassedOver() {
        stack.subscribe("reader@example.com");
        String log = Stack.logOf(() -> {
            stack.invoke(new BounceHandler(stack.env, stack.clock()), snsEvent("sns-bounce.json", "reader@example.com", "d1",
                    notification -> notification.addProperty("eventType", "Delivery")));
            stack.invoke(new BounceHandler(stack.env, stack.clock()), snsEvent("sns-bounce.json", "reader@example.com", "d1",
                    notification -> notification.remove("bounce")));
            stack.invoke(new BounceHandler(stack.env, stack.clock()),
                    "{\"Records\":[{\"Sns\":{\"TopicArn\":\"" + Stack.BOUNCE_TOPIC
                            + "\",\"Message\":\"not json at all {\"}}]}");
        });
        assertEquals(Subscription.Status.CONFIRMED, status("reader@example.com"));
        assertTrue(log.contains("not a bounce or complaint, passed over"), log);
        assertEquals(2, log.lines().filter(line -> line.contains("not understood, passed over")).count(), log);
    }
}
