package dev.gazette.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class PageWriterTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Blog <3", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final RenderedPost POST = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/",
            "Fish & <chips>", Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:00Z"),
            "A summary", List.of("food"), List.of("Ada"), null, "<p>Raw <em>HTML</em></p>", true, Set.of());

    private final PageWriter pages = new PageWriter(SITE, Templates.bundled());

    @Test
    void aMonthsPageIsUnderItsFourDigitYearAndTwoDigitMonth() {
        assertEquals("archive/2024/05/", new PageWriter.Month(YearMonth.of(2024, 5), 0).path());
        assertEquals("archive/1999/12/", new PageWriter.Month(YearMonth.of(1999, 12), 0).path());
        assertEquals("archive/0999/01/", new PageWriter.Month(YearMonth.of(999, 1), 0).path());
        assertEquals("archive/10000/10/", new PageWriter.Month(YearMonth.of(10_000, 10), 0).path());
    }

    @Test
    void aPostPageShowsThePostAndLinksTheThreeFeeds() {
        Document page = Jsoup.parse(pages.post(POST));
        assertEquals("Fish & <chips> · Blog <3", page.title());
        assertEquals("Fish & <chips>", page.selectFirst("article h1").text());
        assertEquals("<p>Raw <em>HTML</em></p>", page.selectFirst("article p:not(.meta)").outerHtml());
        assertEquals("https://example.com/posts/a/", page.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals(List.of("application/rss+xml https://example.com/feed.xml",
                        "application/atom+xml https://example.com/atom.xml",
                        "application/feed+json https://example.com/feed.json"),
                page.select("link[rel=alternate]").stream().map(l -> l.attr("type") + " " + l.attr("href")).toList());
        assertEquals("1 May 2024", page.selectFirst("time").text());
    }

    @Test
    void theNotFoundPageLinksHomeAbsolutelyAndIsNotIndexed() {
        Document page = Jsoup.parse(pages.notFound());
        assertEquals("Page not found · Blog <3", page.title());
        assertEquals("noindex", page.selectFirst("meta[name=robots]").attr("content"));
        assertEquals("https://example.com/", page.selectFirst("main a").attr("href"));
        assertEquals("https://example.com/subscribe", page.selectFirst("form").attr("action"));
    }

    @Test
    void theIndexListsTheNewestPostsAndLinksTheArchive() {
        Document index = Jsoup.parse(pages.index(List.of(POST), 1));
        Element link = index.selectFirst("main li a");
        assertEquals("https://example.com/posts/a/", link.attr("href"));
        assertEquals("Fish & <chips>", link.text());
        assertEquals(3, index.select("link[rel=alternate]").size());
        assertEquals(null, index.selectFirst("a[href=https://example.com/archive/]"), "nothing older to show");

        Document more = Jsoup.parse(pages.index(List.of(POST), 120));
        assertEquals("All 120 posts, by month", more.selectFirst("a[href=https://example.com/archive/]").text());
    }

    @Test
    void theArchiveListsMonthsAndEachMonthItsPosts() {
        Document archive = Jsoup.parse(pages.archive(List.of(new PageWriter.Month(YearMonth.of(2024, 5), 2),
                new PageWriter.Month(YearMonth.of(2024, 4), 1))));
        assertEquals(List.of("May 2024 2 posts", "April 2024 1 post"),
                archive.select("main li").stream().map(Element::text).toList());
        assertEquals("https://example.com/archive/2024/05/", archive.selectFirst("main li a").attr("href"));

        Document month = Jsoup.parse(pages.month(YearMonth.of(2024, 5), List.of(POST)));
        assertEquals("May 2024", month.selectFirst("h1").text());
        assertEquals("https://example.com/posts/a/", month.selectFirst("main li a").attr("href"));
    }

    @Test
    void aPostPageCarriesItsCardForSharing() {
        Document page = Jsoup.parse(pages.post(POST));
        assertEquals("article", meta(page, "og:type"));
        assertEquals("Fish & <chips>", meta(page, "og:title"));
        assertEquals("A summary", meta(page, "og:description"));
        assertEquals("https://example.com/posts/a/", meta(page, "og:url"));
        assertEquals("Blog <3", meta(page, "og:site_name"));
        assertEquals("summary", meta(page, "twitter:card"));
        assertEquals("Fish & <chips>", meta(page, "twitter:title"));
        assertNull(page.selectFirst("meta[property=og:image]"), "no cover, no image");

        Document covered = Jsoup.parse(pages.post(new RenderedPost("b.md", "https://example.com/posts/b/", "posts/b/",
                "Covered", POST.date(), POST.updated(), "With a cover", List.of(), List.of(),
                "https://example.com/images/cover.png", "<p>Text</p>", true, Set.of())));
        assertEquals("https://example.com/images/cover.png", meta(covered, "og:image"));
        assertEquals("summary_large_image", meta(covered, "twitter:card"));
        assertEquals("https://example.com/images/cover.png", meta(covered, "twitter:image"));
    }

    @Test
    void everyPageHasItsCanonicalUrlAndFollowsTheSystemColourScheme() {
        Document archive = Jsoup.parse(pages.archive(List.of(new PageWriter.Month(YearMonth.of(2024, 5), 1))));
        Document month = Jsoup.parse(pages.month(YearMonth.of(2024, 5), List.of(POST)));
        assertEquals("https://example.com/", Jsoup.parse(pages.index(List.of(POST), 1))
                .selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("https://example.com/archive/", archive.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("https://example.com/archive/2024/05/", month.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("https://example.com/archive/2024/05/", meta(month, "og:url"));
        for (Document page : List.of(Jsoup.parse(pages.post(POST)), Jsoup.parse(pages.index(List.of(POST), 1)),
                archive, month)) {
            assertEquals("light dark", page.selectFirst("meta[name=color-scheme]").attr("content"));
            assertTrue(page.selectFirst("style").data().contains("@media (prefers-color-scheme: dark)"));
        }
    }

    @Test
    void everyPageCarriesTheSubscribeFormPostingToTheSitesOrigin() {
        Site below = new Site(URI.create("https://example.com/blog/"), "Blog", "About", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        PageWriter writer = new PageWriter(below, Templates.bundled());
        for (String html : List.of(writer.post(POST), writer.index(List.of(POST), 1),
                writer.month(YearMonth.of(2024, 5), List.of(POST)))) {
            Element form = Jsoup.parse(html).selectFirst("aside.subscribe form");
            assertEquals("post", form.attr("method"));
            assertEquals("https://example.com/subscribe", form.attr("action"));
            Element email = form.selectFirst("input[name=email]");
            assertEquals("email", email.attr("type"));
            assertEquals("email", email.attr("autocomplete"));
            assertEquals(email.id(), form.selectFirst("label").attr("for"));
            Element honeypot = form.selectFirst("input[name=website]");
            assertEquals("-1", honeypot.attr("tabindex"));
            assertEquals("true", honeypot.parent().attr("aria-hidden"));
            assertEquals("polite", form.selectFirst("[role=status]").attr("aria-live"));
        }
    }

    private static String meta(Document page, String name) {
        Element meta = page.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
        return meta == null ? null : meta.attr("content");
    }
}
