package dev.gazette.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteTest {
    private final Site site = new Site(URI.create("https://example.com/blog"), "Example", "A blog", "fr",
            ZoneId.of("Pacific/Auckland"), PermalinkPattern.DEFAULT, 20);

    @Test
    void aDayIsWrittenInTheSiteTimeZone() {
        assertEquals("4 May 2024", site.day(Instant.parse("2024-05-03T13:30:00Z")));
        assertEquals("3 May 2024", site.day(Instant.parse("2024-05-03T11:30:00Z")));
    }

    @Test
    void everyTemplateIsGivenTheSiteAlike() {
        assertEquals(Map.of("site", Map.of("title", "Example", "url", "https://example.com/blog/",
                        "description", "A blog", "language", "fr", "subscribe", "https://example.com/subscribe")),
                site.templateContext());
    }
}
