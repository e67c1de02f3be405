package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Publish never holds a large file in memory: files are copied by S3 itself, posts checked by size first. */
class LargeFilesTest {
    private Stack stack;
    private Faults.Rule reads;

    @BeforeEach
    void start() {
        stack = new Stack();
        reads = Faults.on("S3", "GetObject").observe();
    }

    @AfterEach
    void stop() {
        Faults.clear();
        stack.close();
    }

    private JsonObject publish(String key, String text) {
        stack.upload(key, text);
        return stack.invoke(stack.publishHandler(), Stack.s3Event("s3-put.json", stack.postsBucket, key));
    }

    @Test
    void aFileBesideThePostsIsCopiedBucketToBucketWithoutTheFunctionReadingIt() {
        publish("images/cat.png", "a picture of a cat");

        assertEquals(0, reads.calls(), "not read by the function");
        assertEquals("a picture of a cat", stack.site("images/cat.png"));
        HeadObjectResponse copy = stack.s3.headObject(request -> request.bucket(stack.siteBucket)
                .key("images/cat.png"));
        assertEquals("image/png", copy.contentType());
        assertEquals("public, max-age=86400", copy.cacheControl());
    }

    @Test
    void aFileCopiedBeforeIsNotCopiedAgainUntilItChanges() {
        publish("images/cat.png", "a picture of a cat");
        Faults.Rule copies = Faults.on("S3", "CopyObject").observe();

        publish("images/cat.png", "a picture of a cat");
        assertEquals(0, copies.calls());
        publish("images/cat.png", "another picture");

        assertEquals(1, copies.calls());
        assertEquals("another picture", stack.site("images/cat.png"));
    }

    @Test
    void aPostOverItsLimitIsRefusedFromItsSizeBeforeAnyOfItIsRead() {
        stack.env.put(Config.MAX_POST_BYTES, "100");
        String text = "---\ntitle: Long\n---\n" + "word ".repeat(100);
        String log = Stack.logOf(() -> assertEquals(1, publish("2024-05-10-long.md", text).get("errors").getAsInt()));

        assertEquals(0, reads.calls());
        assertTrue(log.contains("\"key\":\"2024-05-10-long.md\"") && log.contains("the post is " + text.length()
                + " bytes, more than the 100 of GAZETTE_MAX_POST_BYTES"), log);
        assertNull(stack.site("posts/long/index.html"));
        assertEquals(1, publish("2024-05-10-short.md", "---\ntitle: Short\n---\nShort.\n").get("created").getAsInt());
    }

    @Test
    void aFileOverItsLimitIsRefusedAndNamedAndTheRestIsPublished() {
        stack.env.put(Config.MAX_FILE_BYTES, "10");
        String log = Stack.logOf(() -> assertEquals(1,
                publish("video.mp4", "more than ten bytes").get("errors").getAsInt()));

        assertTrue(log.contains("\"key\":\"video.mp4\"")
                && log.contains("the file is 19 bytes, more than the 10 of GAZETTE_MAX_FILE_BYTES"), log);
        assertNull(stack.site("video.mp4"));
        publish("small.txt", "tiny");
        assertNotNull(stack.site("small.txt"));
    }
}
