package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stack's Permalink parameter left empty, as a new stack has it: the same rule as {@code gazette publish}. */
class PermalinkTest {
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
    void aNewSiteGetsTheDateInItsPermalinksAndAnOldOneKeepsItsPattern() {
        stack.env.remove(Config.PERMALINK);
        stack.publish("2024-05-10-hello.md", "---\ntitle: Hello\n---\nHi.\n");
        assertNotNull(stack.site("2024/05/10/hello/index.html"));

        stack.env.put(Config.PERMALINK, "");
        stack.publish("2024-05-09-again.md", "---\ntitle: Again\n---\nHi again.\n");
        assertNotNull(stack.site("2024/05/09/again/index.html"));
    }

    @Test
    void aStackFirstPublishedWithTheEarlierDefaultKeepsItsPermalinksOnceTheParameterIsEmpty() {
        stack.publish("2024-05-10-hello.md", "---\ntitle: Hello\n---\nHi.\n");
        assertNotNull(stack.site("posts/hello/index.html"));

        stack.env.put(Config.PERMALINK, "");
        stack.publish("2024-05-09-again.md", "---\ntitle: Again\n---\nHi again.\n");

        assertNotNull(stack.site("posts/again/index.html"));
        assertNotNull(stack.site("posts/hello/index.html"));
        assertNull(stack.site("2024/05/09/again/index.html"));
        assertTrue(stack.site("atom.xml").contains("<id>https://blog.example.com/posts/hello/</id>"));
    }
}
