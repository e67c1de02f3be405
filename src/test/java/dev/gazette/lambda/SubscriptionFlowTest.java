package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Emulators;
import dev.gazette.publish.Catalog;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Tokens;
import dev.gazette.web.Client;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

    /** A sample API event sent to {@code path} instead: the preferences page has the same shape as the others. */
    private JsonObject apiAt(String path, String sample, String query, String body) {
        JsonObject event = JsonParser.parseString(apiEvent(sample, query, body)).getAsJsonObject();
        event.addProperty("rawPath", path);
        event.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("path", path);
        return stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), event.toString());
    }

    @Test
    void aReaderIsWelcomedOnceWithTheNewestPostAndChangesTopicsOnTheirPage() {
        stack.env.put(Config.WELCOME_POSTS, "1");
        stack.publish("2024-05-09-old.md", "---\ntitle: Old\ndate: 2024-05-09\ntags: [rust]\n---\nOld.\n");
        stack.publish("2024-05-10-new.md", "---\ntitle: New\ntags: [go]\n---\nNew.\n");
        stack.emulators.clearSentEmails();

        api("api-subscribe.json", "", "email=reader%40example.com&topic=rust");
        Matcher link = CONFIRM.matcher(emailsTo("reader@example.com").get(0).text());
        assertTrue(link.find());
        for (int click = 0; click < 2; click++) {
            assertEquals(200, api("api-confirm.json", "token=" + link.group(1), null).get("statusCode").getAsInt());
        }

        List<Emulators.SentEmail> welcomes = emailsTo("reader@example.com").stream()
                .filter(email -> email.subject().equals("Welcome to Example Blog")).toList();
        assertEquals(1, welcomes.size(), "once, whatever the clicks");
        String welcome = welcomes.get(0).text();
        assertTrue(welcome.contains("New\r\nhttps://blog.example.com/posts/new/") || welcome.contains(
                "New\nhttps://blog.example.com/posts/new/"), welcome);
        assertFalse(welcome.contains("Old"), "the newest post only");
        Matcher preferences = Pattern.compile("https://blog\\.example\\.com/preferences\\?(token=[A-Za-z0-9_.-]+)")
                .matcher(welcome);
        assertTrue(preferences.find(), welcome);
        DynamoSubscribers subscribers = new DynamoSubscribers(stack.dynamo, stack.table);
        assertEquals(List.of("rust"), subscribers.get("reader@example.com").orElseThrow().topics());

        JsonObject page = apiAt("/preferences", "api-confirm.json", preferences.group(1), null);
        assertEquals(200, page.get("statusCode").getAsInt());
        assertTrue(page.get("body").getAsString().contains("value=\"go\""), page.get("body").getAsString());
        assertEquals(List.of("rust"), subscribers.get("reader@example.com").orElseThrow().topics(), "a GET changes nothing");

        JsonObject saved = apiAt("/preferences", "api-unsubscribe.json", preferences.group(1), "topic=go");
        assertEquals(200, saved.get("statusCode").getAsInt());
        assertEquals(List.of("go"), subscribers.get("reader@example.com").orElseThrow().topics());

        // The next digests follow: a Rust post is not theirs any more, a Go post is.
        stack.emulators.clearSentEmails();
        stack.now = stack.now.plusSeconds(3600);
        stack.publish("2024-05-10-borrow.md", "---\ntitle: Borrowing\ntags: [rust]\n---\nOwnership.\n");
        stack.sendAll();
        stack.now = stack.now.plusSeconds(3600);
        stack.publish("2024-05-10-channels.md", "---\ntitle: Channels\ntags: [go]\n---\nPipes.\n");
        stack.sendAll();
        assertEquals(List.of("Channels"), emailsTo("reader@example.com").stream().map(Emulators.SentEmail::subject)
                .toList());
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

    /** The sample subscribe event, from {@code sourceIp} with these headers added. */
    private JsonObject subscribeFrom(String address, String sourceIp, Map<String, String> headers) {
        JsonObject event = JsonParser.parseString(apiEvent("api-subscribe.json", "",
                "email=" + address.replace("@", "%40"))).getAsJsonObject();
        event.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("sourceIp", sourceIp);
        headers.forEach(event.getAsJsonObject("headers")::addProperty);
        return stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), event.toString());
    }

    @Test
    void aClientPastItsLimitGetsTheSameAnswerAndNoConfirmationEmail() {
        stack.env.put(Config.SUBSCRIBE_LIMIT, "2");
        List<JsonObject> answers = new java.util.ArrayList<>();
        for (String address : List.of("a@example.com", "b@example.com", "c@example.com")) {
            // Each through a new function instance: the count is the table's, not one instance's.
            answers.add(subscribeFrom(address, "198.51.100.7", Map.of("X-Forwarded-For", address.charAt(0) + ".0.0.1")));
        }
        for (JsonObject answer : answers) {
            assertEquals(200, answer.get("statusCode").getAsInt());
            assertEquals(answers.get(0).get("body"), answer.get("body"));
            assertEquals(answers.get(0).get("headers"), answer.get("headers"));
        }
        assertEquals(1, emailsTo("a@example.com").size());
        assertEquals(1, emailsTo("b@example.com").size());
        assertEquals(List.of(), emailsTo("c@example.com"), "X-Forwarded-For, which the client writes, changes nothing");

        subscribeFrom("c@example.com", "192.0.2.1", Map.of());
        assertEquals(1, emailsTo("c@example.com").size(), "its owner, from elsewhere");
    }

    @Test
    void behindCloudFrontTheClientIsTheViewerAddressCloudFrontWrites() {
        stack.env.put(Config.SUBSCRIBE_LIMIT, "1");
        stack.env.put(Config.CLIENT_IP_HEADER, "CloudFront-Viewer-Address");
        // All from one CloudFront edge, for two viewers.
        subscribeFrom("a@example.com", "130.176.0.1", Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532"));
        subscribeFrom("b@example.com", "130.176.0.1", Map.of("CloudFront-Viewer-Address", "2001:db8::1:51234"));
        subscribeFrom("c@example.com", "130.176.0.1", Map.of("CloudFront-Viewer-Address", "203.0.113.10:40000"));

        assertEquals(1, emailsTo("a@example.com").size());
        assertEquals(1, emailsTo("b@example.com").size(), "another viewer");
        assertEquals(List.of(), emailsTo("c@example.com"), "the first viewer again, past its limit");
    }

    @Test
    void aRequestStraightToTheApisOwnUrlCannotWriteTheViewerAddress() {
        stack.env.put(Config.SUBSCRIBE_LIMIT, "1");
        stack.env.put(Config.CLIENT_IP_HEADER, "CloudFront-Viewer-Address");
        stack.env.put(Config.PROXY_KEY, "the-stack-s-own-key");
        // Through CloudFront, which adds the stack's key to what it passes on.
        subscribeFrom("a@example.com", "130.176.0.1", Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, "the-stack-s-own-key"));
        // A bot at the execute-api URL, a new viewer address each time, and a guess at the key.
        subscribeFrom("b@example.com", "198.51.100.7", Map.of("CloudFront-Viewer-Address", "192.0.2.1:1"));
        subscribeFrom("c@example.com", "198.51.100.7", Map.of("CloudFront-Viewer-Address", "192.0.2.2:1",
                Client.PROXY_KEY_HEADER, "a-guess"));

        assertEquals(1, emailsTo("a@example.com").size());
        assertEquals(1, emailsTo("b@example.com").size(), "counted as the address the API saw");
        assertEquals(List.of(), emailsTo("c@example.com"), "that address again, past its limit");
    }

    @Test
    void aStackUpdatedFromATypedSecretKeepsTheLinksItSent() {
        byte[] typed = "a test secret of enough length".getBytes(StandardCharsets.UTF_8);
        stack.env.put(Config.UNSUBSCRIBE_SECRET, "a test secret of enough length");
        stack.subscribe("reader@example.com");
        // An unsubscribe link as the stack sent it before key ids: no "0." in front.
        String sent = new Tokens(typed).unsubscribe("reader@example.com").substring(2);

        JsonObject unsubscribed = api("api-unsubscribe.json", "token=" + sent, "List-Unsubscribe=One-Click");

        assertEquals(200, unsubscribed.get("statusCode").getAsInt());
        assertEquals(Subscription.Status.UNSUBSCRIBED, status("reader@example.com"));
        assertEquals(KeySet.LEGACY_ID, new DynamoKeys(stack.dynamo, stack.table).read().orElseThrow().current().id(),
                "kept in the table as the legacy key");
    }

    @Test
    void theCaptchaIsCheckedWithTheProviderBeforeAnythingIsStored() throws IOException {
        List<String> asked = new java.util.ArrayList<>();
        HttpServer verifier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        verifier.createContext("/siteverify", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(body);
            byte[] answer = ("{\"success\":" + body.contains("response=human") + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        verifier.start();
        try {
            stack.env.put(Config.CAPTCHA, "turnstile");
            stack.env.put(Config.CAPTCHA_SITE_KEY, "site-key");
            stack.env.put(Config.CAPTCHA_SECRET, "the-secret");
            stack.env.put(Config.CAPTCHA_VERIFY_URL,
                    "http://127.0.0.1:" + verifier.getAddress().getPort() + "/siteverify");

            JsonObject robot = api("api-subscribe.json", "", "email=robot%40example.com&cf-turnstile-response=robot");
            JsonObject human = api("api-subscribe.json", "", "email=human%40example.com&cf-turnstile-response=human");

            assertEquals(400, robot.get("statusCode").getAsInt());
            assertTrue(new DynamoSubscribers(stack.dynamo, stack.table).get("robot@example.com").isEmpty());
            assertEquals(200, human.get("statusCode").getAsInt());
            assertEquals(1, emailsTo("human@example.com").size());
            assertTrue(asked.get(1).contains("secret=the-secret") && asked.get(1).contains("remoteip=203.0.113.10"),
                    asked.get(1));
        } finally {
            verifier.stop(0);
        }
    }
}
