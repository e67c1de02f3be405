package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site of many tags, each with a feed of 20 posts whole (some 2 MB of feeds a tag), is written whole by a Gazette
 * whose heap is 160 MB: the listings are made a batch at a time, not every tag's feeds at once (some 500 MB here).
 */
class ManyTagsMemoryTest {
    private static final int TAGS = 200;
    private static final int TAGS_A_POST = 20;

    @TempDir
    Path folder;

    @Test
    void aSiteOf200TagsWithFullFeedsIsWrittenIn160MegabytesOfHeap() throws Exception {
        Blog blog = new Blog(folder);
        String body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut"
                + " labore et dolore magna aliqua.\n\n").repeat(350);
        // Each post has the next 20 tags of 200, so each tag has 20 posts: a full feed.
        for (int i = 0; i < TAGS; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < TAGS_A_POST; t++) {
                tags.add("tag" + (i + t) % TAGS);
            }
            blog.post(String.format("2024-05-01-post-%03d.md", i), "---\ntitle: Post " + i + "\ntags: ["
                    + String.join(", ", tags) + "]\n---\n" + body);
        }
        Blog.Run run = blog.publishInHeapOf("160m");

        assertEquals(0, run.exit(), run.out());
        assertTrue(Files.size(blog.site.resolve("tags/tag199/feed.xml")) > 1_000_000, "a full feed of whole posts");
    }
}
