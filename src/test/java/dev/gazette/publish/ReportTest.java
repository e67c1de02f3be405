package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A warning as `publish` and the preview print it: one line, the same in both. */
class ReportTest {
    @Test
    void aWarningNamesTheFileInThePostsFolderAndItsLineWhenKnown() {
        Path posts = Path.of("posts");
        assertEquals(posts.resolve("2024/a.md") + ":7: warning: the image cat.png is not there",
                new Report.Warning("2024/a.md", 7, "the image cat.png is not there").in(posts));
        assertEquals(posts.resolve("2024/a.md") + ": warning: no title",
                new Report.Warning("2024/a.md", "no title").in(posts));
    }
}
