package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.Change;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The posts bucket on s3proxy: sizes known before reading, files known by their ETag. */
class S3PostFilesTest {
    private final Emulators emulators = Emulators.start();
    private final S3Client s3 = emulators.s3Client();
    private final String bucket = emulators.createBucket();
    private final S3PostFiles posts = new S3PostFiles(s3, bucket, 20, 30);

    @AfterEach
    void stop() {
        s3.close();
    }

    private void put(String key, String text) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    @Test
    void aPostWithinItsLimitIsReadAndOneOverItIsRefusedWithItsSize() throws IOException {
        put("short.md", "---\ntitle: A\n---\n");
        put("long.md", "---\ntitle: A long one\n---\n");

        assertArrayEquals("---\ntitle: A\n---\n".getBytes(StandardCharsets.UTF_8),
                posts.read("short.md").orElseThrow());
        Change.Unreadable refused = assertThrows(Change.Unreadable.class, () -> posts.read("long.md"));
        assertEquals("the post is 26 bytes, more than the 20 of GAZETTE_MAX_POST_BYTES: make it smaller, or raise"
                + " the limit", refused.getMessage());
        assertEquals(Optional.empty(), posts.read("gone.md"));
    }

    @Test
    void otherFilesHaveTheirOwnLimit() throws IOException {
        put("notes.txt", "twenty-five bytes of text");

        assertEquals(25, posts.upload("notes.txt").orElseThrow().read().length, "over the post limit, within its own");
    }

    @Test
    void aFileIsKnownByItsETagAndSizeWithoutBeingRead() throws IOException {
        put("cat.png", "one picture");
        String before = posts.upload("cat.png").orElseThrow().hash();
        put("cat.png", "one picture");
        String same = posts.upload("cat.png").orElseThrow().hash();
        put("cat.png", "another picture");

        assertEquals(before, same);
        assertNotEquals(before, posts.upload("cat.png").orElseThrow().hash());
        assertTrue(before.startsWith("s3:"), before);
    }
}
