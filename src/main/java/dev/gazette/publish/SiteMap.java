package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.IssuePages;
import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import java.io.StringWriter;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code sitemap.xml} (sitemaps.org): every page of the site, with when it last changed, so search engines find
 * the whole archive; and a {@code robots.txt} that names it, unless the writer has one of their own. The past
 * issues of the newsletter are those archived when the listings are written: an issue sent after a run's listings
 * is listed by the next.
 */
final class SiteMap {
    static final String FILE = "sitemap.xml";
    static final String ROBOTS = "robots.txt";
    /** What one sitemap file may list, by the protocol; past it, the oldest posts are left out. */
    static final int MAX_URLS = 50_000;

    private final Site site;
    private final Function<Instant, YearMonth> monthOf;

    /** @param monthOf the month of the archive a post of this date is filed under, as the archive files it */
    SiteMap(Site site, Function<Instant, YearMonth> monthOf) {
        this.site = site;
        this.monthOf = monthOf;
    }

    /**
     * @param posts  every published post, newest first
     * @param issues the digests in the archive of past issues, newest first
     */
    String xml(List<RenderedPost> posts, List<Digest> issues) {
        // By URL; each path is made a URL once, as many posts share a month and a tag, and a post has its own.
        Map<String, Instant> pages = new LinkedHashMap<>();
        Map<YearMonth, String> months = new HashMap<>();
        Map<String, String> tags = new HashMap<>();
        String home = site.link("");
        String archive = site.link("archive/");
        for (RenderedPost post : posts) {
            later(pages, home, post.updated());
            later(pages, archive, post.updated());
            YearMonth month = monthOf.apply(post.date());
            later(pages, months.computeIfAbsent(month, key -> site.link(new PageWriter.Month(key, 0).path())),
                    post.updated());
            for (String tag : post.tags()) {
                later(pages, tags.computeIfAbsent(tag, key -> site.link(Feeds.tagFolder(Feeds.key(key)))),
                        post.updated());
            }
        }
        for (Digest issue : issues) {
            later(pages, site.link(IssuePages.FOLDER), issue.created());
            pages.put(site.link(IssuePages.path(issue)), issue.created());
        }
        for (RenderedPost post : posts) {
            pages.put(post.url(), post.updated());
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
            pages.entrySet().stream().limit(MAX_URLS).forEach(page -> url(xml, page.getKey(), page.getValue()));
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the sitemap", e);
        }
        return out.append('\n').toString();
    }

    /** Points crawlers at the sitemap, and lets them read everything. */
    String robots() {
        return "User-agent: *\nAllow: /\n\nSitemap: " + site.link(FILE) + "\n";
    }

    private static void url(XMLStreamWriter xml, String url, Instant lastChanged) {
        try {
            xml.writeCharacters("\n");
            xml.writeStartElement("url");
            xml.writeStartElement("loc");
            xml.writeCharacters(url);
            xml.writeEndElement();
            xml.writeStartElement("lastmod");
            xml.writeCharacters(lastChanged.truncatedTo(ChronoUnit.SECONDS).toString());
            xml.writeEndElement();
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the sitemap", e);
        }
    }

    private static void later(Map<String, Instant> pages, String path, Instant changed) {
        pages.merge(path, changed, (one, other) -> one.isAfter(other) ? one : other);
    }
}
