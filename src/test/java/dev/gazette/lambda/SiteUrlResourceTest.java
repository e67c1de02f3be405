package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.gazette.aws.DynamoSiteUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stack without a domain of its own: CloudFormation tells Publish the distribution's URL through the
 * {@code SiteUrlSetting} custom resource, and every function reads it from the table at first use.
 */
class SiteUrlResourceTest {
    /** What CloudFormation's pre-signed response URL got: the method, the content type and the answer. */
    private record Answer(String method, String contentType, JsonObject body) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private HttpServer cloudFormation;
    private Stack stack;

    @BeforeEach
    void start() throws IOException {
        cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cloudFormation.createContext("/", exchange -> {
            answers.add(new Answer(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                            StandardCharsets.UTF_8)).getAsJsonObject()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        stack = new Stack();
        stack.env.remove(Config.SITE_URL);
    }

    @AfterEach
    void stop() {
        stack.close();
        cloudFormation.stop(0);
    }

    /** The sample event of {@code events/}, of this type and URL, answered to the stand-in. */
    private String event(String type, String siteUrl) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", "cloudformation-site-url.json")))
                .getAsJsonObject();
        event.addProperty("RequestType", type);
        event.addProperty("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort()
                + "/stack/gazette/SiteUrlSetting?X-Amz-Signature=EXAMPLE");
        event.getAsJsonObject("ResourceProperties").addProperty("SiteUrl", siteUrl);
        return event.toString();
    }

    private Optional<URI> stored() {
        return new DynamoSiteUrl(stack.dynamo, stack.table).read();
    }

    @Test
    void theDistributionsUrlIsWrittenOnceAndEveryPageUsesIt() {
        // Before the stack wrote it, a publish fails, to be tried again, and publishes nothing at a made-up URL.
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n"));
        assertTrue(early.getMessage().contains("the site's URL is not in the table yet"), early.getMessage());

        stack.invoke(stack.publishHandler(), event("Create", "https://d111111abcdef8.cloudfront.net/"));

        assertEquals(1, answers.size());
        Answer answer = answers.get(0);
        assertEquals("PUT", answer.method());
        assertEquals(null, answer.contentType(), "the pre-signed URL is signed without a content type");
        assertEquals("SUCCESS", answer.body().get("Status").getAsString());
        assertEquals("3f1d9b2e-8c4a-4d7e-9b1a-2c3d4e5f6a7b", answer.body().get("RequestId").getAsString());
        assertEquals("SiteUrlSetting", answer.body().get("LogicalResourceId").getAsString());
        assertTrue(answer.body().get("StackId").getAsString().startsWith("arn:aws:cloudformation:"));
        assertEquals("gazette-site-url", answer.body().get("PhysicalResourceId").getAsString());
        assertEquals(Optional.of(URI.create("https://d111111abcdef8.cloudfront.net/")), stored());

        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
        assertTrue(stack.site("feed.xml").contains("<link>https://d111111abcdef8.cloudfront.net/posts/news/</link>"),
                stack.site("feed.xml"));
    }

    @Test
    void aUrlThatIsNotASiteRootFailsTheDeployWithItsReasonAndWritesNothing() {
        stack.invoke(stack.publishHandler(), event("Create", "https://abcdef1234.execute-api.us-east-1.amazonaws.com/x"));

        assertEquals("FAILED", answers.get(0).body().get("Status").getAsString());
        assertEquals("SiteUrl must be https://host/, not https://abcdef1234.execute-api.us-east-1.amazonaws.com/x",
                answers.get(0).body().get("Reason").getAsString());
        assertEquals(Optional.empty(), stored());
    }

    @Test
    void anUpdateWritesTheNewUrlAndADeleteKeepsIt() {
        stack.invoke(stack.publishHandler(), event("Create", "https://d111111abcdef8.cloudfront.net/"));
        stack.invoke(stack.publishHandler(), event("Update", "https://d222222abcdef8.cloudfront.net/"));
        assertEquals(Optional.of(URI.create("https://d222222abcdef8.cloudfront.net/")), stored());

        // The table outlives the stack; the URL stays for a stack made again around it.
        stack.invoke(stack.publishHandler(), event("Delete", "https://d222222abcdef8.cloudfront.net/"));
        assertEquals(List.of("SUCCESS", "SUCCESS", "SUCCESS"),
                answers.stream().map(answer -> answer.body().get("Status").getAsString()).toList());
        assertEquals(Optional.of(URI.create("https://d222222abcdef8.cloudfront.net/")), stored());
    }

    @Test
    void theSubscriptionFunctionLinksToTheStoredUrlToo() {
        stack.invoke(stack.publishHandler(), event("Create", "https://d111111abcdef8.cloudfront.net/"));

        JsonObject get = JsonParser.parseString(Stack.read(Path.of("events", "api-subscribe.json"))).getAsJsonObject();
        get.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("method", "GET");
        get.remove("body");
        JsonObject page = stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), get.toString());

        assertEquals(200, page.get("statusCode").getAsInt(), page.toString());
        assertTrue(page.get("body").getAsString().contains("action=\"https://d111111abcdef8.cloudfront.net/subscribe\""),
                page.get("body").getAsString());
    }
}
