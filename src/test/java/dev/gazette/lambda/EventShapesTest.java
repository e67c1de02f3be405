package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.subscriber.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Events of unexpected shapes, from whoever may invoke a function: a clear answer, never a 500 or a crash. */
class EventShapesTest {
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

    private int status(Consumer<JsonObject> change) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", "api-subscribe.json")))
                .getAsJsonObject();
        change.accept(event);
        return stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), event.toString())
                .get("statusCode").getAsInt();
    }

    @Test
    void aNullHeaderIsLeftOut() {
        assertEquals(200, status(event -> event.getAsJsonObject("headers").add("user-agent", JsonNull.INSTANCE)));
        assertEquals(Subscription.Status.PENDING, new DynamoSubscribers(stack.dynamo, stack.table)
                .get("reader@example.com").orElseThrow().status());
    }

    @Test
    void aHeaderGivenAsAListIsItsValuesJoinedAsHttpJoinsThem() {
        JsonArray type = new JsonArray();
        type.add("application/x-www-form-urlencoded");
        assertEquals(200, status(event -> event.getAsJsonObject("headers").add("content-type", type)));
    }

    @Test
    void aHeaderOfNoUsableShapeIsLeftOut() {
        assertEquals(200, status(event -> event.getAsJsonObject("headers").add("content-type", new JsonObject())),
                "the form is read without its content type, as without the header");
    }

    @Test
    void headersOrContextOfAnotherShapeAreLeftOut() {
        int headers = status(event -> event.add("headers", new JsonArray()));
        int context = status(event -> event.addProperty("requestContext", "not an object"));
        int path = status(event -> event.add("rawPath", new JsonArray()));

        assertEquals(200, headers, "the form is read without its headers");
        assertEquals(200, context, "without its method it is a GET of /subscribe: the form");
        assertEquals(404, path, "without a path it is /");
    }

    @Test
    void aBounceNoticeFromAnotherTopicIsRefusedAndLogged() {
        stack.subscribe("reader@example.com");
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", "sns-bounce.json"))).getAsJsonObject();
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        sns.addProperty("Message", sns.get("Message").getAsString().replace("20240510-0123456789ab", "d1"));
        sns.addProperty("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-elses-topic");

        String log = Stack.logOf(() -> stack.invoke(new BounceHandler(stack.env, stack.clock()), event.toString()));

        assertEquals(Subscription.Status.CONFIRMED, new DynamoSubscribers(stack.dynamo, stack.table)
                .get("reader@example.com").orElseThrow().status());
        assertTrue(log.contains("\"topic\":\"arn:aws:sns:us-east-1:999999999999:someone-elses-topic\"")
                && log.contains("not from the stack's bounce topic"), log);
    }

    @Test
    void anS3EventOfAnotherShapeNamesNoKeys() {
        JsonObject result = stack.invoke(stack.publishHandler(),
                "{\"Records\":[\"text\",{\"s3\":[]},{\"s3\":{\"object\":{\"key\":null}}}]}");

        assertEquals(0, result.get("created").getAsInt());
        assertEquals(0, result.get("errors").getAsInt());
    }

    @Test
    void aFolderTheS3ConsoleMadeIsNotCopiedToTheSite() {
        stack.upload("images/", "");
        stack.upload("images/cat.png", "a picture");

        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-put.json", stack.postsBucket, "images/"));
        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-put.json", stack.postsBucket, "images/cat.png"));

        assertEquals(List.of("images/cat.png"), stack.s3.listObjectsV2(request -> request.bucket(stack.siteBucket)
                .prefix("images/")).contents().stream().map(S3Object::key).toList());
    }
}
