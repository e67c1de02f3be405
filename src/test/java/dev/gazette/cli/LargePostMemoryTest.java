package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post at the 1 MiB size limit, of the Markdown whose tree is largest for its size (262,000 one-word list items),
 * is published by a Gazette whose heap is 160 MB, as the README says. Before the Markdown was parsed without source
 * positions, it needed 256 MB.
 */
class LargePostMemoryTest {
    @TempDir
    Path folder;

    @Test
    void aPostOfOneMebibyteOfListItemsIsPublishedIn160MegabytesOfHeap() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-list.md", "---\ntitle: List\n---\n" + "- x\n".repeat(262_000));
        assertTrue(Files.size(blog.posts.resolve("2024-05-01-list.md")) <= 1 << 20, "within --max-post-size");
        Blog.Run run = blog.publishInHeapOf("160m");

        assertEquals(0, run.exit(), run.out());
        assertTrue(blog.site("2024/05/01/list/index.html").contains("<li>x</li>"));
    }
}
