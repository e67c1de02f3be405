package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "publish", "--posts", blog.posts.toString(), "--site", blog.site.toString(),
                "--state", blog.state.toString(), "--site-url", "https://example.com/");
        Process gazette = new ProcessBuilder(command).redirectErrorStream(true).start();

        String output = new String(gazette.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, gazette.waitFor(), output);
        assertTrue(blog.site("2024/05/01/list/index.html").contains("<li>x</li>"));
    }
}
