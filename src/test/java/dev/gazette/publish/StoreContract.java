package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, whatever it keeps its records in, and what the {@link Catalog} answers on top
 * of it. Each store's test extends this one, so the local files and the DynamoDB table are held to the same
 * contract.
 */
public abstract class StoreContract {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    /** A new, empty store. */
    protected abstract Store store() throws Exception;

    /** Another reader of the same records, as the next run would open them, after the store was written. */
    protected abstract Store reopen() throws Exception;

    protected Catalog catalog() throws Exception {
        return Catalog.open(store());
    }

    protected Catalog reopen(Catalog catalog) throws Exception {
        return Catalog.open(reopen());
    }

    protected static RenderedPost post(String slug, String date, String... tags) {
        return new RenderedPost(slug + ".md", "https://example.com/posts/" + slug + "/", "posts/" + slug + "/",
                "Title " + slug, Instant.parse(date), Instant.parse(date), "Summary " + slug, List.of(tags),
                List.of("Ada"), slug.equals("a") ? "https://example.com/a.png" : null,
                "<p>“Ünïcode” & <b>" + slug + "</b></p>", true, Set.of("linked.md"),
                slug.equals("a") ? List.of("old/a/", "older/a.html") : List.of());
    }

    protected static Entry published(RenderedPost post) {
        return Entry.published("hash-" + post.source(), post);
    }

    @Test
    void keepsEveryKindOfEntry() throws Exception {
        Catalog catalog = catalog();
        RenderedPost a = post("a", "2024-05-01T10:00:00Z", "Rust");
        catalog.put(published(a));
        catalog.put(new Entry("later.md", "h2", Entry.Kind.SCHEDULED, Instant.parse("2030-01-01T00:00:00Z"), null));
        catalog.put(new Entry("idea.md", "h3", Entry.Kind.DRAFT, Instant.parse("2024-01-01T00:00:00Z"), null));
        catalog.put(new Entry("img.png", "h4", Entry.Kind.FILE, null, null));

        Catalog next = reopen(catalog);

        assertEquals(Set.of("a.md", "later.md", "idea.md", "img.png"), next.sources());
        assertEquals(Optional.of(published(a)).map(Entry::post).map(RenderedPost::title),
                next.entry("a.md").map(Entry::post).map(RenderedPost::title));
        assertEquals("hash-a.md", next.entry("a.md").orElseThrow().hash());
        assertEquals(List.of(a), next.newest(10));
        assertEquals(Entry.Kind.SCHEDULED, next.entry("later.md").orElseThrow().kind());
        assertEquals(1, next.entries(Entry.Kind.DRAFT).size());
        assertEquals(1, next.entries(Entry.Kind.FILE).size());
    }

    @Test
    void answersThePublishersQueries() throws Exception {
        Catalog catalog = catalog();
        RenderedPost a = post("a", "2024-05-01T00:00:00Z", "Rust");
        RenderedPost b = post("b", "2024-05-03T00:00:00Z", "rust", "news");
        RenderedPost c = post("c", "2024-05-02T00:00:00Z");
        for (RenderedPost post : List.of(a, b, c)) {
            catalog.put(published(post));
        }
        catalog.put(new Entry("s.md", "h", Entry.Kind.SCHEDULED, Instant.parse("2024-06-01T00:00:00Z"), null));
        Catalog next = reopen(catalog);

        assertEquals(List.of(b, c, a), next.newest(10));
        assertEquals(List.of(b, c), next.newest(2));
        assertEquals(List.of(b, a), next.newestTagged("rust", 10));
        assertEquals(List.of(b.url(), c.url(), a.url()), next.index().stream().map(RenderedPost::url).toList());
        assertEquals(Optional.of(c.withHtml("")), next.published(c.url()), "where it is, without its HTML");
        assertEquals(List.of(c, a), next.withHtml(List.of(next.published(c.url()).orElseThrow(),
                next.published(a.url()).orElseThrow())));
        assertEquals(Optional.of("c.md"), next.atPath("posts/c/"));
        assertEquals(Optional.empty(), next.atPath("posts/none/"));
        assertEquals(Optional.empty(), next.published("https://example.com/posts/none/"));
        assertEquals(3, next.linkingTo(Set.of("linked.md", "other.md")).size());
        assertEquals(List.of(), next.linkingTo(Set.of("a.md")));
        assertEquals(List.of(), next.scheduledUntil(Instant.parse("2024-05-31T00:00:00Z")));
        assertEquals(1, next.scheduledUntil(Instant.parse("2024-06-01T00:00:00Z")).size());
    }

    @Test
    void forgetsRemovedEntries() throws Exception {
        Catalog catalog = catalog();
        catalog.put(published(post("a", "2024-05-01T00:00:00Z", "x")));
        catalog.remove("a.md");
        Catalog next = reopen(catalog);
        assertEquals(Set.of(), next.sources());
        assertEquals(List.of(), next.newestTagged("x", 10));
    }

    @Test
    void aMailingDecisionIsMadeOnce() throws Exception {
        Catalog catalog = catalog();
        assertTrue(catalog.addMailing(Mailing.due("p1", NOW)));
        assertFalse(catalog.addMailing(Mailing.skipped("p1", "changed my mind", NOW)));
        assertTrue(catalog.addMailing(Mailing.skipped("p2", "first run", NOW)));
        Catalog next = reopen(catalog);
        assertEquals(Mailing.State.DUE, next.mailing("p1").orElseThrow().state());
        assertEquals(List.of("p1"), next.due().stream().map(Mailing::postId).toList());
        assertEquals(Optional.empty(), next.mailing("p3"));
    }

    @Test
    void remembersWhereEachContentWasLastPublished() throws Exception {
        Catalog catalog = catalog();
        catalog.notePublishedAt("hash-a", "https://example.com/posts/helo/");
        catalog.notePublishedAt("hash-a", "https://example.com/posts/hello/");
        Catalog next = reopen(catalog);
        assertEquals(Optional.of("https://example.com/posts/hello/"), next.lastPublishedAt("hash-a"));
        assertEquals(Optional.empty(), next.lastPublishedAt("hash-b"));
    }

    @Test
    void remembersWherePostsMoved() throws Exception {
        Catalog catalog = catalog();
        catalog.noteMoved("https://example.com/posts/helo/", "https://example.com/posts/hello/");
        Catalog next = reopen(catalog);
        assertEquals(Optional.of("https://example.com/posts/hello/"), next.movedTo("https://example.com/posts/helo/"));
        assertEquals(Optional.empty(), next.movedTo("https://example.com/posts/hello/"));
    }

    @Test
    void onlyADuePostCanBeWithdrawn() throws Exception {
        Catalog catalog = catalog();
        catalog.addMailing(Mailing.due("p1", NOW));
        catalog.addMailing(Mailing.due("p2", NOW));
        catalog.claim("p2", "d1", NOW);

        assertTrue(catalog.withdraw("p1"));
        assertFalse(catalog.withdraw("p2"), "in a digest already");
        assertFalse(catalog.withdraw("p3"), "never there");
        Catalog next = reopen(catalog);
        assertEquals(Optional.empty(), next.mailing("p1"));
        assertEquals(Mailing.State.IN_DIGEST, next.mailing("p2").orElseThrow().state());
    }

    @Test
    void eachDuePostGoesToOneDigestOnly() throws Exception {
        Catalog catalog = catalog();
        catalog.addMailing(Mailing.due("p1", NOW));
        catalog.addMailing(Mailing.skipped("p2", "first run", NOW));

        assertTrue(catalog.claim("p1", "d1", NOW));
        assertTrue(catalog.claim("p1", "d1", NOW), "claiming again for the same digest holds");
        assertFalse(catalog.claim("p1", "d2", NOW));
        assertFalse(catalog.claim("p2", "d1", NOW));
        assertFalse(catalog.claim("p3", "d1", NOW));

        Mailing claimed = reopen(catalog).mailing("p1").orElseThrow();
        assertEquals(Mailing.State.IN_DIGEST, claimed.state());
        assertEquals("d1", claimed.detail());
        assertEquals(List.of(), catalog.due());
    }

    @Test
    void onlyADuePostCanBeSkipped() throws Exception {
        Catalog catalog = catalog();
        catalog.addMailing(Mailing.due("p1", NOW));
        catalog.addMailing(Mailing.due("p2", NOW));
        catalog.claim("p2", "d1", NOW);

        assertTrue(catalog.skip("p1", "the same text as p0", NOW));
        assertFalse(catalog.skip("p2", "the same text as p0", NOW), "in a digest already");

        Catalog next = reopen(catalog);
        assertEquals(new Mailing("p1", Mailing.State.SKIPPED, "the same text as p0", NOW), next.mailing("p1").orElseThrow());
        assertEquals(Mailing.State.IN_DIGEST, next.mailing("p2").orElseThrow().state());
    }

    @Test
    void listsTheDigestsNotYetSentOldestFirst() throws Exception {
        Catalog catalog = catalog();
        Digest first = new Digest("d1", List.of("p1"), NOW, null, 0);
        Digest second = new Digest("d2", List.of("p2", "p3"), NOW.plusSeconds(60), null, 0);
        catalog.putDigest(second);
        catalog.putDigest(first);
        catalog.putDigest(new Digest("d0", List.of("p0"), NOW.minusSeconds(60), NOW, 3));

        assertEquals(List.of(first, second), reopen(catalog).openDigests());
        catalog.putDigest(first.sentTo(12, NOW.plusSeconds(120)));
        assertEquals(List.of(second), reopen(catalog).openDigests());
    }

    @Test
    void keepsWhichDigestsAreInTheArchiveNewestFirst() throws Exception {
        Catalog catalog = catalog();
        Digest older = new Digest("d1", List.of("p1"), NOW, NOW, 2);
        Digest newer = new Digest("d2", List.of("p2"), NOW.plusSeconds(60), null, 0);
        catalog.putDigest(older.inArchive());
        catalog.putDigest(newer.inArchive());
        catalog.putDigest(new Digest("d0", List.of("p0"), NOW.minusSeconds(60), NOW, 3));

        assertEquals(List.of(newer.inArchive(), older.inArchive()), reopen(catalog).archived());
        catalog.putDigest(newer.inArchive().sentTo(5, NOW.plusSeconds(120)));
        assertEquals(List.of(newer.inArchive().sentTo(5, NOW.plusSeconds(120)), older.inArchive()),
                reopen(catalog).archived());
    }

    @Test
    void readsTheDigestsAloneAsTheCatalogHasThem() throws Exception {
        Catalog catalog = catalog();
        catalog.put(published(post("a", "2024-05-01T00:00:00Z")));
        catalog.addMailing(Mailing.due("p9", NOW));
        Digest open = new Digest("d2", List.of("p2", "p3"), NOW.plusSeconds(60), null, 0);
        Digest sent = new Digest("d1", List.of("p1"), NOW, NOW.plusSeconds(30), 4);
        catalog.putDigest(open);
        catalog.putDigest(sent.inArchive());

        List<Digest> digests = new ArrayList<>(reopen().digests());
        digests.sort(Comparator.comparing(Digest::id));

        assertEquals(List.of(sent.inArchive(), open), digests);
        assertEquals(List.of("d1"), Catalog.recentlySent(digests, 3));
    }

    @Test
    void anEmptyStoreHasNoDigests() throws Exception {
        store();
        assertEquals(List.of(), reopen().digests());
    }

    @Test
    void replacesALedgerRecordOnlyWhenItIsAsExpected() throws Exception {
        Store store = store();
        Mailing due = Mailing.due("p1", NOW);
        Mailing claimed = new Mailing("p1", Mailing.State.IN_DIGEST, "d1", NOW.plusSeconds(1));

        assertTrue(store.replace("p1", null, due));
        assertFalse(store.replace("p1", null, due), "there is a record already");
        assertFalse(store.replace("p1", Mailing.skipped("p1", "no", NOW), claimed), "not the record there");
        assertTrue(store.replace("p1", due, claimed));
        assertFalse(store.replace("p1", due, null), "changed since");
        assertEquals(List.of(claimed), reopen().load().mailings());
        assertTrue(store.replace("p1", claimed, null));
        assertEquals(List.of(), reopen().load().mailings());
    }

    @Test
    void readsOneLedgerRecordAsItIsNow() throws Exception {
        Store store = store();
        Mailing claimed = new Mailing("p1", Mailing.State.IN_DIGEST, "d1", NOW);
        store.replace("p1", null, claimed);
        store.replace("p2", null, Mailing.skipped("p2", "first run", NOW));

        assertEquals(Optional.of(claimed), reopen().mailing("p1"));
        assertEquals(Optional.empty(), reopen().mailing("p3"));
        store.replace("p1", claimed, null);
        assertEquals(Optional.empty(), reopen().mailing("p1"));
    }

    @Test
    void keepsThePostsHtmlApartAndReadsItBack() throws Exception {
        Store store = store();
        RenderedPost a = post("a", "2024-05-01T00:00:00Z");
        store.save(published(a));

        Store next = reopen();
        assertEquals("", next.load().entries().get(0).post().html(), "the snapshot carries no HTML");
        assertEquals(Map.of("a.md", a.html()), next.html(List.of("a.md")));
        next.delete("a.md");
        assertEquals(List.of(), reopen().load().entries());
        assertEquals(Map.of(), reopen().html(List.of("a.md")));
    }

    @Test
    void keepsTheTextADigestSendsApartFromThePostsAsTheyChange() throws Exception {
        Store store = store();
        RenderedPost a = post("a", "2024-05-01T00:00:00Z", "Rust");
        RenderedPost b = post("b", "2024-05-02T00:00:00Z");
        assertEquals(List.of(), store.posts("d1"));
        store.savePosts("d1", List.of(a, b));
        store.save(published(a.withHtml("<p>edited</p>")));

        List<RenderedPost> kept = new ArrayList<>(reopen().posts("d1"));
        kept.sort(Comparator.comparing(RenderedPost::source));
        assertEquals(List.of(a, b), kept);
        assertEquals(List.of(), reopen().posts("d2"));
    }

    @Test
    void forgetsANoteWithoutAValue() throws Exception {
        Store store = store();
        store.note(Store.Note.PENDING, "a.md", "hash");
        assertEquals(Map.of("a.md", "hash"), reopen().load().notes().get(Store.Note.PENDING));
        store.note(Store.Note.PENDING, "a.md", null);
        assertEquals(Map.of(), reopen().load().notes().get(Store.Note.PENDING));
    }

    @Test
    void countsEachWritingOfTheListingsOnce() throws Exception {
        Catalog catalog = catalog();
        long seen = catalog.listingVersion();
        assertTrue(catalog.advanceListing(seen));
        assertFalse(catalog.advanceListing(seen), "someone else counted one since");
        catalog.refresh();
        assertEquals(seen + 1, catalog.listingVersion());
        assertTrue(catalog.advanceListing(seen + 1));
    }

    @Test
    void remembersTheRenderingSettings() throws Exception {
        Catalog catalog = catalog();
        assertEquals(Optional.empty(), catalog.settings());
        catalog.putSettings("1|https://example.com/");
        assertEquals(Optional.of("1|https://example.com/"), reopen(catalog).settings());
    }
}
