package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog's queries, on entries in memory. */
class EntriesTest {
    private static RenderedPost post(String slug, String date, Set<String> links, String... tags) {
        return new RenderedPost(slug + ".md", "https://example.com/posts/" + slug + "/", "posts/" + slug + "/",
                slug, Instant.parse(date), Instant.parse(date), "", List.of(tags), List.of(), null, "<p>x</p>", true,
                links);
    }

    private static Entry published(RenderedPost post) {
        return Entry.published("hash-" + post.source(), post);
    }

    @Test
    void answersFromItsIndexesAndKeepsThemInStepWhenAPostChanges() {
        RenderedPost a = post("a", "2024-05-01T00:00:00Z", Set.of("b.md"), "Rust");
        RenderedPost b = post("b", "2024-05-03T00:00:00Z", Set.of(), "rust");
        Entries entries = new Entries(List.of(published(a), published(b),
                new Entry("s.md", "h", Entry.Kind.SCHEDULED, Instant.parse("2024-06-01T00:00:00Z"), null)));

        assertEquals(List.of("b.md", "a.md"), entries.newest(10).stream().map(RenderedPost::source).toList());
        assertEquals("", entries.newest(1).get(0).html(), "kept without its HTML");
        assertEquals(List.of("a.md"), entries.linkingTo(Set.of("b.md")).stream().map(Entry::source).toList());
        assertEquals(Optional.of("a.md"), entries.atPath("posts/a/"));

        // a.md moves to another permalink and stops linking to b.md.
        RenderedPost moved = new RenderedPost("a.md", "https://example.com/posts/a2/", "posts/a2/", "a",
                Instant.parse("2024-05-04T00:00:00Z"), Instant.parse("2024-05-04T00:00:00Z"), "", List.of(),
                List.of(), null, "", true, Set.of());
        entries.put(published(moved));

        assertEquals(Optional.empty(), entries.atPath("posts/a/"));
        assertEquals(Optional.empty(), entries.published("https://example.com/posts/a/"));
        assertEquals(Optional.of("a.md"), entries.atPath("posts/a2/"));
        assertEquals(List.of(), entries.linkingTo(Set.of("b.md")));
        assertEquals(List.of("a.md", "b.md"), entries.index().stream().map(RenderedPost::source).toList());
        assertEquals(List.of("b.md"), entries.newestTagged("rust", 10).stream().map(RenderedPost::source).toList());
        assertEquals(List.of(), entries.scheduledUntil(Instant.parse("2024-05-31T00:00:00Z")));
        assertEquals(1, entries.scheduledUntil(Instant.parse("2024-06-01T00:00:00Z")).size());
    }
}
