package dev.gazette.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;

class FeedsTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Example Blog", "Notes & news",
            "en-GB", ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 3);

    private static final RenderedPost NEWEST = new RenderedPost("b.md", "https://example.com/posts/b/", "posts/b/",
            "Second <post>", Instant.parse("2024-05-02T10:00:00Z"), Instant.parse("2024-05-03T08:00:00Z"),
            "Summary of b", List.of("Rust", "news"), List.of("Ada Lovelace", "Grace Hopper"),
            "https://example.com/images/b.png", "<p>B with <a href=\"https://example.com/x\">a link</a></p>", true,
            Set.of());
    private static final RenderedPost OLDER = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/",
            "First post", Instant.parse("2024-05-01T09:30:00Z"), Instant.parse("2024-05-01T09:30:00Z"),
            "Summary of a", List.of("news"), List.of(), null, "<p>A</p>", true, Set.of());

    private final Feeds feeds = new Feeds(SITE);
    private final Map<String, String> files = feeds.site(List.of(NEWEST, OLDER));

    private static WireFeed read(String xml) throws Exception {
        return new WireFeedInput().build(new StringReader(xml));
    }

    @Test
    void writesTheThreeFormatsAtTheSiteRoot() {
        assertEquals(List.of("feed.xml", "atom.xml", "feed.json"), new ArrayList<>(files.keySet()));
    }

    @Test
    void rssReadsBackFieldByField() throws Exception {
        Channel rss = (Channel) read(files.get("feed.xml"));
        assertEquals("rss_2.0", rss.getFeedType());
        assertEquals("Example Blog", rss.getTitle());
        assertEquals("https://example.com/", rss.getLink());
        assertEquals("Notes & news", rss.getDescription());
        assertEquals("en-GB", rss.getLanguage());
        assertEquals("Gazette", rss.getGenerator());
        assertEquals(Date.from(Instant.parse("2024-05-03T08:00:00Z")), rss.getLastBuildDate());
        Element self = ((List<Element>) rss.getForeignMarkup()).get(0);
        assertEquals("link", self.getName());
        assertEquals("http://www.w3.org/2005/Atom", self.getNamespaceURI());
        assertEquals("self", self.getAttributeValue("rel"));
        assertEquals("https://example.com/feed.xml", self.getAttributeValue("href"));

        Item item = rss.getItems().get(0);
        assertEquals("Second <post>", item.getTitle());
        assertEquals("https://example.com/posts/b/", item.getLink());
        assertEquals("https://example.com/posts/b/", item.getGuid().getValue());
        assertTrue(item.getGuid().isPermaLink());
        assertEquals(Date.from(Instant.parse("2024-05-02T10:00:00Z")), item.getPubDate());
        assertEquals("Summary of b", item.getDescription().getValue());
        assertEquals("<p>B with <a href=\"https://example.com/x\">a link</a></p>", item.getContent().getValue());
        assertEquals(List.of("Rust", "news"), item.getCategories().stream().map(c -> c.getValue()).toList());
        DCModule dc = (DCModule) item.getModule(DCModule.URI);
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), dc.getCreators());
        Element media = ((List<Element>) item.getForeignMarkup()).get(0);
        assertEquals("https://example.com/images/b.png", media.getAttributeValue("url"));
        assertEquals(2, rss.getItems().size());
    }

    @Test
    void rssDatesAreRfc822AndTheStylesheetIsLinked() {
        String xml = files.get("feed.xml");
        assertTrue(xml.contains("<pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate>"), xml);
        assertTrue(xml.contains("<lastBuildDate>Fri, 03 May 2024 08:00:00 GMT</lastBuildDate>"), xml);
        assertTrue(xml.contains("<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>"), xml);
        assertTrue(xml.contains("<?xml-stylesheet type=\"text/css\" href=\"data:text/css;base64,"), xml);
    }

    /** Relative, so a feed opened from another origin (a CDN's own host, a proxy) still shows as a page. */
    @Test
    void theStylesheetIsLinkedRelativeToEachFeed() {
        Site below = new Site(URI.create("https://example.com/blog/"), "Blog", "About", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 3);
        assertTrue(new Feeds(below).site(List.of(OLDER)).get("feed.xml")
                .contains("<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>"));
        assertTrue(new Feeds(below).tag("news", List.of(OLDER)).get("tags/news/feed.xml")
                .contains("<?xml-stylesheet type=\"text/xsl\" href=\"../../feed.xsl\"?>"));
        assertEquals("../../feed.xsl", RssFormat.relative("https://example.com/blog/tags/news/",
                "https://example.com/blog/feed.xsl"));
        assertEquals("https://other.example/feed.xsl", RssFormat.relative("https://example.com/",
                "https://other.example/feed.xsl"));
    }

    @Test
    void atomReadsBackFieldByField() throws Exception {
        com.rometools.rome.feed.atom.Feed atom = (com.rometools.rome.feed.atom.Feed) read(files.get("atom.xml"));
        assertEquals("atom_1.0", atom.getFeedType());
        assertEquals("Example Blog", atom.getTitle());
        assertEquals("https://example.com/atom.xml", atom.getId());
        Link self = atom.getOtherLinks().get(0);
        assertEquals("self", self.getRel());
        assertEquals("https://example.com/atom.xml", self.getHref());
        assertEquals("https://example.com/", atom.getAlternateLinks().get(0).getHref());
        Entry entry = atom.getEntries().get(0);
        assertEquals("https://example.com/posts/b/", entry.getId());
        assertEquals("Second <post>", entry.getTitle());
        assertEquals(Date.from(Instant.parse("2024-05-02T10:00:00Z")), entry.getPublished());
        assertEquals(Date.from(Instant.parse("2024-05-03T08:00:00Z")), entry.getUpdated());
        assertEquals("html", entry.getContents().get(0).getType());
        assertEquals(NEWEST.html(), entry.getContents().get(0).getValue());
        assertEquals("Summary of b", entry.getSummary().getValue());
        assertEquals(List.of("Rust", "news"), entry.getCategories().stream().map(c -> c.getTerm()).toList());
        assertEquals("Ada Lovelace", entry.getAuthors().get(0).getName());
        assertEquals("Example Blog", atom.getAuthors().get(0).getName());
    }

    @Test
    void jsonFeedReadsBackFieldByField() {
        JsonObject json = JsonParser.parseString(files.get("feed.json")).getAsJsonObject();
        assertEquals("https://jsonfeed.org/version/1.1", json.get("version").getAsString());
        assertEquals("Example Blog", json.get("title").getAsString());
        assertEquals("https://example.com/", json.get("home_page_url").getAsString());
        assertEquals("https://example.com/feed.json", json.get("feed_url").getAsString());
        assertEquals("en-GB", json.get("language").getAsString());
        JsonObject item = json.getAsJsonArray("items").get(0).getAsJsonObject();
        assertEquals("https://example.com/posts/b/", item.get("id").getAsString());
        assertEquals("https://example.com/posts/b/", item.get("url").getAsString());
        assertEquals("Second <post>", item.get("title").getAsString());
        assertEquals(NEWEST.html(), item.get("content_html").getAsString());
        assertEquals("Summary of b", item.get("summary").getAsString());
        assertEquals("https://example.com/images/b.png", item.get("image").getAsString());
        assertEquals("2024-05-02T10:00:00Z", item.get("date_published").getAsString());
        assertEquals("2024-05-03T08:00:00Z", item.get("date_modified").getAsString());
        assertEquals("Ada Lovelace", item.getAsJsonArray("authors").get(0).getAsJsonObject().get("name").getAsString());
        assertNull(json.getAsJsonArray("items").get(1).getAsJsonObject().get("image"));
    }

    @Test
    void everyFormatUsesTheSameIds() throws Exception {
        List<String> rss = ((Channel) read(files.get("feed.xml"))).getItems().stream()
                .map(item -> item.getGuid().getValue()).toList();
        List<String> atom = ((com.rometools.rome.feed.atom.Feed) read(files.get("atom.xml"))).getEntries().stream()
                .map(Entry::getId).toList();
        JsonArray items = JsonParser.parseString(files.get("feed.json")).getAsJsonObject().getAsJsonArray("items");
        List<String> json = IntStream.range(0, items.size())
                .mapToObj(i -> items.get(i).getAsJsonObject().get("id").getAsString()).toList();
        assertEquals(List.of("https://example.com/posts/b/", "https://example.com/posts/a/"), rss);
        assertEquals(rss, atom);
        assertEquals(rss, json);
    }

    @Test
    void holdsOnlyTheNewestPostsUpToTheFeedSize() throws Exception {
        List<RenderedPost> many = new ArrayList<>();
        for (int day = 9; day >= 1; day--) {
            many.add(new RenderedPost(day + ".md", "https://example.com/posts/" + day + "/", "posts/" + day + "/",
                    "Post " + day, Instant.parse("2024-05-0" + day + "T00:00:00Z"),
                    Instant.parse("2024-05-0" + day + "T00:00:00Z"), "S", List.of(), List.of(), null, "<p>x</p>",
                    true, Set.of()));
        }
        Channel rss = (Channel) read(feeds.site(many).get("feed.xml"));
        assertEquals(List.of("Post 9", "Post 8", "Post 7"), rss.getItems().stream().map(Item::getTitle).toList());
    }

    @Test
    void writesAFeedPerTag() throws Exception {
        Map<String, String> tagged = feeds.tag("Rust", List.of(NEWEST));
        assertEquals(List.of("tags/rust/feed.xml", "tags/rust/atom.xml", "tags/rust/feed.json"),
                new ArrayList<>(tagged.keySet()));
        assertEquals(List.of("tags/rust/feed.xml", "tags/rust/atom.xml", "tags/rust/feed.json"), Feeds.tagFiles(Feeds.key("Rust")));
        assertEquals(List.of("tags/50%25/feed.xml", "tags/50%25/atom.xml", "tags/50%25/feed.json"),
                Feeds.tagFiles(Feeds.key("50%")));
        Channel rss = (Channel) read(tagged.get("tags/rust/feed.xml"));
        assertEquals("Example Blog: Rust", rss.getTitle());
        Element self = ((List<Element>) rss.getForeignMarkup()).get(0);
        assertEquals("https://example.com/tags/rust/feed.xml", self.getAttributeValue("href"));
        assertEquals(List.of("Second <post>"), rss.getItems().stream().map(Item::getTitle).toList());
    }

    /** The first and last days a post may be dated (1900 to 9999): the three feeds say the same instant. */
    @Test
    void theThreeFeedsAgreeOnDatesAtTheEdgesOfTheRangeTaken() throws Exception {
        for (String day : List.of("1899-12-31T00:00:00Z", "9999-12-30T00:00:00Z")) {
            Instant date = Instant.parse(day);
            RenderedPost post = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/", "A", date, date,
                    "S", List.of(), List.of(), null, "<p>A</p>", true, Set.of());
            Map<String, String> edge = feeds.site(List.of(post));
            Item item = ((Channel) read(edge.get("feed.xml"))).getItems().get(0);
            Entry entry = (Entry) ((com.rometools.rome.feed.atom.Feed) read(edge.get("atom.xml"))).getEntries().get(0);
            JsonObject json = JsonParser.parseString(edge.get("feed.json")).getAsJsonObject().getAsJsonArray("items")
                    .get(0).getAsJsonObject();
            assertEquals(date, item.getPubDate().toInstant(), "RSS");
            assertEquals(date, entry.getPublished().toInstant(), "Atom");
            assertEquals(date, Instant.parse(json.get("date_published").getAsString()), "JSON Feed");
        }
    }

    @Test
    void tagKeysAreSafePathSegments() {
        assertEquals("rust", Feeds.key(" Rust "));
        assertEquals("web-assembly", Feeds.key("Web  Assembly"));
        assertEquals("c%23", Feeds.key("C#"));
        assertEquals("a%2Fb", Feeds.key("a/b"));
        assertEquals("café", Feeds.key("Café"));
        assertEquals("caf\u00e9", Feeds.key("Cafe\u0301"), "one key, whichever Unicode form the é is in");
        assertEquals("%63on", Feeds.key("CON"), "a Windows device name");
        assertEquals("a%3Ab%2A%3F%22%3C%3E%7C", Feeds.key("a:b*?\"<>|"));
        assertEquals("v1%2E", Feeds.key("v1."), "Windows drops a final dot");
        assertEquals("console", Feeds.key("console"));
    }

    @Test
    void tagsThatWouldMakeTheSamePathGetFeedsOfTheirOwn() {
        List<String> tags = List.of(".", "..", "/", "%2e%2e", "\\", "?", "#", "a/b", "a?b", "a-b");
        List<String> keys = tags.stream().map(Feeds::key).toList();
        assertEquals(List.of("%2E", "%2E%2E", "%2F", "%252e%252e", "%5C", "%3F", "%23", "a%2Fb", "a%3Fb", "a-b"), keys);
        for (String key : keys) {
            assertEquals(key, java.nio.file.Path.of(key).getFileName().toString(), "one plain path segment");
        }
    }

    @Test
    void anEmptyFeedIsStillValid() throws Exception {
        Channel rss = (Channel) read(feeds.site(List.of()).get("feed.xml"));
        assertTrue(rss.getItems().isEmpty());
        assertNull(rss.getLastBuildDate());
    }

    @Test
    void theStylesheetShipsInTheJar() {
        assertTrue(Feeds.stylesheet().contains("<xsl:stylesheet"));
    }
}
