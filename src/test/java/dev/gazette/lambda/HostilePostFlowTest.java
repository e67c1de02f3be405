package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On AWS as locally, a post that once overflowed the stack is logged with its key, line and reason, and the post
 * uploaded beside it is published.
 */
class HostilePostFlowTest {
    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aDeeplyNestedPostIsLoggedAndTheOneBesideItPublished() {
        String hostile = "2024-05-10-hostile.md";
        String innocent = "2024-05-10-innocent.md";
        stack.upload(hostile, "---\ntitle: Hostile\n---\n" + ">".repeat(5000) + " deep\n");
        stack.upload(innocent, "---\ntitle: Innocent\n---\nHello.\n");
        JsonObject event = JsonParser.parseString(Stack.s3Event("s3-put.json", stack.postsBucket, hostile))
                .getAsJsonObject();
        JsonArray records = event.getAsJsonArray("Records");
        records.add(JsonParser.parseString(Stack.s3Event("s3-put.json", stack.postsBucket, innocent))
                .getAsJsonObject().getAsJsonArray("Records").get(0));

        JsonObject[] result = new JsonObject[1];
        String log = Stack.logOf(() -> result[0] = stack.invoke(stack.publishHandler(), event.toString()));

        assertEquals(1, result[0].get("created").getAsInt());
        assertEquals(1, result[0].get("errors").getAsInt());
        assertTrue(stack.site("feed.xml").contains("<title>Innocent</title>"));
        JsonObject published = log.lines().map(line -> JsonParser.parseString(line).getAsJsonObject())
                .filter(line -> line.get("event").getAsString().equals("publish")).findFirst().orElseThrow();
        JsonObject error = published.getAsJsonArray("errors").get(0).getAsJsonObject();
        assertEquals(hostile, error.get("key").getAsString());
        assertEquals(4, error.get("line").getAsInt());
        assertEquals("lists, block quotes, emphasis or links nested more than 32 levels deep; flatten them",
                error.get("reason").getAsString());
    }
}
