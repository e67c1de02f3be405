package dev.gazette.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.mail.Email;
import dev.gazette.mail.MimeWriter;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class DigestComposerTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final Tokens TOKENS = new Tokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2024-05-03T12:00:00Z");

    private static final RenderedPost CAFE = post("cafe.md", "Ça marche: café ☕", "2024-05-02T10:00:00Z",
            "<p>Read <a href=\"https://example.com/posts/a/\">the first post</a>.</p>"
                    + "<pre><code>let x = 1;\n</code></pre><img src=\"https://example.com/x.png\" alt=\"A cup\">");
    private static final RenderedPost OTHER = post("other.md", "Another post", "2024-05-01T10:00:00Z", "<p>Other</p>");

    private static RenderedPost post(String source, String title, String date, String html) {
        String slug = source.replace(".md", "");
        return new RenderedPost(source, "https://example.com/posts/" + slug + "/", "posts/" + slug + "/", title,
                Instant.parse(date), Instant.parse(date), "Summary of " + slug, List.of(), List.of("Ada"), null, html,
                true, Set.of());
    }

    private final DigestComposer composer = new DigestComposer(SITE, Templates.bundled(), TOKENS,
            "Café Gazette <news@example.com>", "https://example.com", DigestComposer.Content.FULL);
    private final Digest digest = new Digest("20240503-abc", List.of(CAFE.url()), NOW, null, 0);

    private static MimeMessage parse(Email email) throws Exception {
        byte[] eml = new MimeWriter().write(email);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
    }

    private Email email(List<RenderedPost> posts, Subscriber subscriber) {
        return composer.compose(composer.prepare(digest, posts), subscriber, NOW);
    }

    @Test
    void aDigestOfOnePostIsNamedAfterIt() {
        assertEquals("Ça marche: café ☕", email(List.of(CAFE), new Subscriber("ada@example.com", null)).subject());
    }

    @Test
    void aDigestOfSeveralPostsCountsThem() {
        assertEquals("Example Blog: 2 new posts", email(List.of(CAFE, OTHER), new Subscriber("ada@example.com", null)).subject());
    }

    @Test
    void aLongSiteTitleIsCutBeforeTheCount() {
        Site site = new Site(SITE.url(), "Notes " + "and more notes ".repeat(1_000), "About", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        DigestComposer composer = new DigestComposer(site, Templates.bundled(), TOKENS, "news@example.com",
                "https://example.com", DigestComposer.Content.FULL);

        String subject = composer.compose(composer.prepare(digest, List.of(CAFE, OTHER)),
                new Subscriber("ada@example.com", null), NOW).subject();

        assertTrue(subject.startsWith("Notes and more notes") && subject.endsWith("more…: 2 new posts"), subject);
        assertTrue(subject.length() <= Email.MAX_SUBJECT, subject);
    }

    @Test
    void readsBackAsMultipartAlternativeWithEveryHeader() throws Exception {
        MimeMessage message = parse(email(List.of(CAFE), new Subscriber("ada@example.com", "Ada Lövelace")));

        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals("news@example.com", from.getAddress());
        assertEquals("Café Gazette", from.getPersonal());
        InternetAddress to = (InternetAddress) message.getAllRecipients()[0];
        assertEquals("ada@example.com", to.getAddress());
        assertEquals("Ada Lövelace", to.getPersonal());
        String rawFrom = message.getHeader("From")[0];
        String rawTo = message.getHeader("To")[0];
        assertTrue(rawFrom.chars().allMatch(c -> c < 0x80), "RFC 2047 encoded: " + rawFrom);
        assertTrue(rawTo.chars().allMatch(c -> c < 0x80), "RFC 2047 encoded: " + rawTo);
        assertEquals("Café Gazette <news@example.com>", MimeUtility.decodeText(rawFrom));
        assertEquals("Ada Lövelace <ada@example.com>", MimeUtility.decodeText(rawTo));
        assertEquals(Date.from(NOW), message.getSentDate());
        assertTrue(message.getMessageID().matches("<20240503-abc\\.[0-9a-f]{16}@example\\.com>"), message.getMessageID());
        String rawSubject = message.getHeader("Subject")[0];
        assertTrue(rawSubject.startsWith("=?UTF-8?"), "RFC 2047 encoded: " + rawSubject);
        assertEquals("Ça marche: café ☕", MimeUtility.decodeText(rawSubject));
        assertEquals("Ça marche: café ☕", message.getSubject());

        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertTrue(alternative.getContentType().startsWith("multipart/alternative"), alternative.getContentType());
        assertEquals(2, alternative.getCount());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(0).getContentType().contains("charset=UTF-8"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertTrue(text.contains("Read the first post <https://example.com/posts/a/>."), text);
        assertTrue(text.contains("let x = 1;"), text);
        assertTrue(html.contains("Ça marche: café ☕"), html);
    }

    @Test
    void carriesTheOneClickUnsubscribeHeadersAndAWorkingLink() throws Exception {
        MimeMessage message = parse(email(List.of(CAFE), new Subscriber("ada@example.com", null)));

        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post")[0]);
        String header = message.getHeader("List-Unsubscribe")[0];
        assertTrue(header.matches("<https://example\\.com/unsubscribe\\?token=[A-Za-z0-9_.-]+>"), header);
        String link = header.substring(1, header.length() - 1);
        String token = link.substring(link.indexOf("token=") + "token=".length());
        assertEquals(new Tokens.Check.Valid("ada@example.com"), TOKENS.check(token, Tokens.Purpose.UNSUBSCRIBE, NOW));

        MimeMultipart alternative = (MimeMultipart) message.getContent();
        Document html = Jsoup.parse((String) alternative.getBodyPart(1).getContent());
        assertEquals(link, html.selectFirst("a:contains(Unsubscribe)").attr("href"));
        assertTrue(((String) alternative.getBodyPart(0).getContent()).contains(link));
    }

    @Test
    void eachSubscriberGetsTheirOwnLinkAndMessageId() {
        DigestComposer.Prepared prepared = composer.prepare(digest, List.of(CAFE));
        Email ada = composer.compose(prepared, new Subscriber("ada@example.com", null), NOW);
        Email grace = composer.compose(prepared, new Subscriber("grace@example.com", null), NOW);
        assertFalse(ada.html().contains(TOKENS.unsubscribe("grace@example.com")));
        assertTrue(grace.html().contains(TOKENS.unsubscribe("grace@example.com")));
        assertFalse(ada.messageId().equals(grace.messageId()));
        assertFalse(ada.messageId().contains("ada"), "the Message-ID does not reveal the address");
        assertEquals("20240503-abc", ada.campaign());
    }

    @Test
    void styleIsInlineForMailClientsThatDropStyleSheets() {
        Document html = Jsoup.parse(email(List.of(CAFE), new Subscriber("ada@example.com", null)).html());
        assertTrue(html.select("style").isEmpty());
        assertTrue(html.selectFirst("img[alt=A cup]").attr("style").contains("max-width:100%"));
        assertTrue(html.selectFirst("pre").attr("style").contains("white-space:pre-wrap"));
        assertEquals("https://example.com/posts/cafe/", html.selectFirst("h1 a").attr("href"));
    }

    @Test
    void showsSummariesWhenAskedTo() {
        DigestComposer summaries = new DigestComposer(SITE, Templates.bundled(), TOKENS, "news@example.com",
                "https://example.com/", DigestComposer.Content.SUMMARY);
        Email email = summaries.compose(summaries.prepare(digest, List.of(CAFE)), new Subscriber("a@example.com", null), NOW);
        assertTrue(email.html().contains("Summary of cafe"));
        assertFalse(email.html().contains("let x = 1;"));
        assertTrue(email.text().contains("Summary of cafe"));
        assertTrue(email.headers().get("List-Unsubscribe").startsWith("<https://example.com/unsubscribe?token="));
    }

    @Test
    void carriesTheListIdOfTheSitesHost() throws Exception {
        MimeMessage message = parse(email(List.of(CAFE), new Subscriber("ada@example.com", null)));

        assertEquals("\"Example Blog\" <newsletter.example.com>", message.getHeader("List-Id")[0]);
    }

    @Test
    void theTextPartsSignatureSeparatorIsDashDashSpaceOnItsOwnLine() throws Exception {
        MimeMessage message = parse(email(List.of(CAFE), new Subscriber("ada@example.com", null)));

        String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.stream().filter(line -> line.startsWith("--")).count(), text);
        int separator = lines.indexOf("-- ");
        assertTrue(separator > 0, text);
        assertTrue(lines.get(separator + 1).startsWith("You receive this because"), text);
    }

    @Test
    void aTableKeepsItsAlignmentAndScrollsInABoxOfItsOwn() {
        RenderedPost table = post("table.md", "Numbers", "2024-05-02T10:00:00Z", "<table><thead><tr><th>Name</th>"
                + "<th align=\"right\">Count</th></tr></thead><tbody><tr><td>a</td><td align=\"right\">12</td>"
                + "</tr></tbody></table>");

        Document html = Jsoup.parse(email(List.of(table), new Subscriber("ada@example.com", null)).html());

        assertEquals(2, html.select("td[align=right], th[align=right]").size());
        for (var cell : html.select("td[align=right], th[align=right]")) {
            assertTrue(cell.attr("style").contains("text-align:right"), cell.outerHtml());
            assertFalse(cell.attr("style").contains("text-align:left"), cell.outerHtml());
        }
        assertTrue(html.selectFirst("td:matchesOwn(^a$)").attr("style").contains("text-align:left"));
        assertTrue(html.selectFirst("th:matchesOwn(^Name$)").closest("table").parent().attr("style").contains("overflow-x:auto"));
    }

    @Test
    void aPostsHeadingsAreBelowTheDigestsTitles() {
        RenderedPost headed = post("headed.md", "Headed", "2024-05-02T10:00:00Z",
                "<h1>Part one</h1><p>a</p><h2>Detail</h2><h6>Fine print</h6>");

        Document html = Jsoup.parse(email(List.of(headed), new Subscriber("ada@example.com", null)).html());

        assertEquals(List.of("Headed"), html.select("h1").eachText());
        assertEquals(List.of("Part one"), html.select("h2").eachText());
        assertEquals(List.of("Detail"), html.select("h3").eachText());
        assertEquals(List.of("Fine print"), html.select("h6").eachText());
        assertTrue(html.selectFirst("h1").attr("style").contains("font-size:24px"));
        assertTrue(html.selectFirst("h2").attr("style").contains("font-size:20px"));
    }

    @Test
    void aCodeBlockIsPaddedByItsTableCellAndWrapsAnywhere() {
        Document html = Jsoup.parse(email(List.of(CAFE), new Subscriber("ada@example.com", null)).html());

        var pre = html.selectFirst("pre");
        assertEquals("td", pre.parent().normalName());
        assertTrue(pre.parent().attr("style").contains("padding:12px"), pre.parent().outerHtml());
        assertTrue(pre.parents().stream().anyMatch(parent -> parent.attr("style").contains("table-layout:fixed")));
        assertTrue(pre.attr("style").contains("overflow-wrap:anywhere"), pre.attr("style"));
    }

    @Test
    void aPostThatWouldPassGmailsClippingLimitGoesInAsItsSummary() {
        RenderedPost huge = post("huge.md", "Huge", "2024-05-02T10:00:00Z",
                "<p>" + "A long paragraph of words. ".repeat(6_000) + "</p>");
        assertTrue(huge.html().length() > 150_000);

        DigestComposer.Prepared prepared = composer.prepare(digest, List.of(huge, OTHER));
        Email email = composer.compose(prepared, new Subscriber("ada@example.com", null), NOW);

        assertEquals(List.of(huge.url()), prepared.summarised());
        assertTrue(email.html().getBytes(StandardCharsets.UTF_8).length < 102 * 1024, "under Gmail's clipping limit");
        Document html = Jsoup.parse(email.html());
        assertEquals(huge.url(), html.selectFirst("a:contains(Read “Huge”)").attr("href"));
        assertTrue(email.html().contains("Summary of huge"));
        assertTrue(html.text().contains("Other"), "the other post is whole");
        assertTrue(email.text().contains("Summary of huge") && !email.text().contains("A long paragraph"));
    }

    @Test
    void aDigestThatFitsIsSentWhole() {
        DigestComposer.Prepared prepared = composer.prepare(digest, List.of(CAFE, OTHER));
        assertEquals(List.of(), prepared.summarised());
        assertTrue(prepared.html().contains("let x = 1;"));
    }

    @Test
    void everyEmailLinksToItsWebCopyButATestDigestHasNone() {
        Email email = email(List.of(CAFE), new Subscriber("ada@example.com", null));
        assertEquals("https://example.com/newsletter/20240503-abc/",
                Jsoup.parse(email.html()).selectFirst("a:contains(View in your browser)").attr("href"));
        assertTrue(email.text().contains("View in your browser: https://example.com/newsletter/20240503-abc/"));

        Digest test = Digest.test(List.of(CAFE.url()), NOW);
        Email tried = composer.compose(composer.prepare(test, List.of(CAFE)), new Subscriber("a@example.com", null), NOW);
        assertFalse(tried.html().contains("View in your browser") || tried.text().contains("View in your browser"));
    }
}
