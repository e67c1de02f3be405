package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.aws.Emulators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's own templates on AWS: uploaded under {@code _templates/} of the posts bucket, they frame every page
 * from their upload on, and are never published themselves.
 */
class BucketTemplatesTest {
    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static String fixture(String name) {
        try (InputStream in = BucketTemplatesTest.class.getResourceAsStream("templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a template and hands Publish the notification, as S3 would. */
    private String uploadTemplate(String name, String text) {
        return Stack.logOf(() -> stack.publish("_templates/" + name, text));
    }

    @Test
    void anUploadedTemplateFramesThePagesAlreadyPublishedAndTheNextOnes() {
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        assertFalse(stack.site("posts/launch/index.html").contains("my-own-post"));

        stack.upload("_templates/masthead.html.mustache", fixture("masthead.html.mustache"));
        String log = uploadTemplate("post.html.mustache", fixture("post.html.mustache"));

        String page = stack.site("posts/launch/index.html");
        assertTrue(page.contains("<body class=\"my-own-post\">"), page);
        assertTrue(page.contains("<header class=\"masthead\"><a href=\"https://blog.example.com/\">Example Blog</a>,"
                + " written by hand</header>"), page);
        assertTrue(page.contains("<p>We launched.</p>"), page);
        assertTrue(log.contains("\"templates\":[\"_templates/post.html.mustache\"]"), log);

        stack.publish("2024-05-10-next.md", "---\ntitle: Next\n---\nMore.\n");
        assertTrue(stack.site("posts/next/index.html").contains("my-own-post"));

        // Never a file of the site, nor a post of the feeds.
        assertNull(stack.site("_templates/post.html.mustache"));
        assertNull(stack.site("_templates/masthead.html.mustache"));
        assertFalse(stack.site("feed.xml").contains("_templates"));
    }

    @Test
    void anUploadedDigestTemplateWritesTheNextDigest() {
        stack.subscribe("ada@example.com");
        stack.emulators.clearSentEmails();
        uploadTemplate("digest.txt.mustache", "Fresh from {{site.title}}:\n{{#posts}}* {{title}}\n{{/posts}}");

        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        stack.sendAll();

        String text = stack.emulators.sentEmails().get(0).text();
        assertTrue(text.startsWith("Fresh from Example Blog:"), text);
    }

    @Test
    void aDeletedTemplateGivesTheBundledOneBack() {
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        stack.upload("_templates/masthead.html.mustache", fixture("masthead.html.mustache"));
        uploadTemplate("post.html.mustache", fixture("post.html.mustache"));

        stack.deleteUpload("_templates/post.html.mustache");
        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-delete.json", stack.postsBucket,
                "_templates/post.html.mustache"));

        String page = stack.site("posts/launch/index.html");
        assertFalse(page.contains("my-own-post"), page);
        assertTrue(page.contains("<p>We launched.</p>"), page);
    }

    @Test
    void aTemplateThatDoesNotCompileIsLeftOutWithItsReasonAndThePagesKeepTheirs() {
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        String before = stack.site("posts/launch/index.html");

        String log = uploadTemplate("post.html.mustache", "<html>{{#title}}never closed</html>");
        String includesNothing = uploadTemplate("index.html.mustache", "<html>{{> missing.html}}</html>");

        assertTrue(log.contains("_templates/post.html.mustache: left out, the bundled one is used: template"
                + " post.html.mustache does not compile"), log);
        assertTrue(includesNothing.contains("_templates/index.html.mustache: left out, the bundled one is used"),
                includesNothing);
        assertEquals(before, stack.site("posts/launch/index.html"));
        assertTrue(stack.site("index.html").contains("Launch"));
    }

    @Test
    void aFileUnderThePrefixThatIsNoTemplateIsSaidSo() {
        JsonObject result = stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        assertEquals(1, result.get("created").getAsInt());

        String log = uploadTemplate("notes/post.html.mustache", "<html></html>");

        assertTrue(log.contains("_templates/notes/post.html.mustache: not a template: give it a name such as"
                + " _templates/post.html.mustache, with no folder"), log);
        assertNull(stack.site("_templates/notes/post.html.mustache"));
    }

    /** The stack's time as it is at each call, where {@link Stack#clock()} is fixed when made. */
    private Clock stackTime() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return stack.now;
            }
        };
    }

    /** A reader subscribes from the form, as API Gateway hands the request to the function. */
    private JsonObject subscribe(SubscriptionHandler handler, String address) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", "api-subscribe.json"))).getAsJsonObject();
        event.addProperty("body", Base64.getEncoder().encodeToString(("email=" + address.replace("@", "%40")
                + "&website=").getBytes(StandardCharsets.UTF_8)));
        return stack.invoke(handler, event.toString());
    }

    private String confirmationTo(String address) {
        List<Emulators.SentEmail> emails = stack.emulators.sentEmails().stream()
                .filter(email -> email.to().get(0).contains(address)).toList();
        assertEquals(1, emails.size(), address);
        return emails.get(0).text();
    }

    @Test
    void anUploadedConfirmationAndPageTemplateServeTheEndpointsWithinAMinute() {
        stack.emulators.clearSentEmails();
        SubscriptionHandler handler = new SubscriptionHandler(stack.env, stackTime());
        JsonObject before = subscribe(handler, "ada@example.com");
        assertEquals(200, before.get("statusCode").getAsInt());
        assertFalse(before.get("body").getAsString().contains("my-own-page"));
        assertFalse(confirmationTo("ada@example.com").contains("my own words"));

        stack.upload("_templates/confirm.txt.mustache", "In my own words, {{site.title}} asks: {{link}}\n");
        stack.upload("_templates/page.html.mustache",
                "<!DOCTYPE html><html><body class=\"my-own-page\"><h1>{{title}}</h1><p>{{message}}</p></body></html>");

        // Within the minute, the templates looked up at the first request still serve: no listing per request.
        JsonObject cached = subscribe(handler, "bob@example.com");
        assertFalse(cached.get("body").getAsString().contains("my-own-page"));
        assertFalse(confirmationTo("bob@example.com").contains("my own words"));

        stack.now = stack.now.plusSeconds(61);
        JsonObject after = subscribe(handler, "cy@example.com");
        assertEquals(200, after.get("statusCode").getAsInt());
        assertTrue(after.get("body").getAsString().contains("<body class=\"my-own-page\">"),
                after.get("body").getAsString());
        assertTrue(confirmationTo("cy@example.com").matches(
                "(?s)In my own words, Example Blog asks: https://blog\\.example\\.com/confirm\\?token=\\S+\\s*"),
                confirmationTo("cy@example.com"));
    }

    @Test
    void anEndpointTemplateThatDoesNotCompileLeavesTheBundledOneAndTheEndpointAnswers() {
        stack.emulators.clearSentEmails();
        stack.upload("_templates/confirm.txt.mustache", "{{#link}}never closed");
        stack.upload("_templates/page.html.mustache", "<html>{{> missing.html}}</html>");
        JsonObject[] answer = new JsonObject[1];

        String log = Stack.logOf(() -> answer[0] = subscribe(new SubscriptionHandler(stack.env, stack.clock()),
                "ada@example.com"));

        assertEquals(200, answer[0].get("statusCode").getAsInt());
        String page = answer[0].get("body").getAsString();
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<h1>"), page);
        assertTrue(confirmationTo("ada@example.com").contains("Confirm your subscription:"));
        assertTrue(log.contains("_templates/confirm.txt.mustache: left out, the bundled one is used"), log);
        assertTrue(log.contains("_templates/page.html.mustache: left out, the bundled one is used"), log);
    }
}
