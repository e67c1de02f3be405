package dev.gazette.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.post.Post;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermalinkPatternTest {
    private static final Post POST = new Post("a.md", "A", Instant.parse("2024-03-31T23:30:00Z"), null, null, List.of(),
            List.of(), false, "launch", null, true, "", 4);

    @Test
    void fillsInTheDateAndSlug() {
        assertEquals("posts/launch/", PermalinkPattern.BEFORE_DATES.path(POST, ZoneOffset.UTC));
        assertEquals("2024/03/31/launch.html", new PermalinkPattern("/:year/:month/:day/:slug.html").path(POST, ZoneOffset.UTC));
        assertEquals("2024/04/01/launch/", new PermalinkPattern("/:year/:month/:day/:slug/").path(POST, ZoneId.of("Europe/Paris")));
        assertEquals("posts/launch/index.html", PermalinkPattern.file("posts/launch/"));
        assertEquals("2024/launch.html", PermalinkPattern.file("2024/launch.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts/:slug/", "/posts/", "/posts/:slug"})
    void refusesPatternsThatMakeNoPage(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new PermalinkPattern(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/:slug/../index.html", "/posts/:slug/./", "/posts//:slug/", "/../:slug/",
            "/posts\\..\\:slug/"})
    void refusesPatternsWhosePathIsNotWhatItSays(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PermalinkPattern(pattern));
        assertTrue(e.getMessage().contains("without '.', '..', '//' or '\\'"), e.getMessage());
    }

    @Test
    void aSiteUrlAlwaysEndsInASlash() {
        Site site = new Site(URI.create("https://example.com/blog"), "T", "D", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        assertEquals("https://example.com/blog/", site.url().toString());
        assertEquals("https://example.com/blog/posts/caf%C3%A9/", site.link("posts/café/"));
        assertEquals("https://example.com", site.origin());
    }
}
