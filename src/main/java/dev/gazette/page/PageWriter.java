package dev.gazette.page;

import dev.gazette.feed.FeedFormat;
import dev.gazette.feed.Feeds;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The site's HTML pages: one per post, the index listing them and the archive, each linking the three feeds and
 * carrying the subscribe form.
 */
public final class PageWriter {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

    private final Site site;
    private final Templates templates;

    public PageWriter(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    public String post(RenderedPost post) {
        Map<String, Object> context = siteContext();
        context.put("post", postContext(post));
        return templates.render("post.html", context);
    }

    /** The page at one of a post's old paths: it sends the reader on to the post, and search engines to its URL. */
    public String redirect(RenderedPost post) {
        Map<String, Object> context = siteContext();
        context.put("post", postContext(post));
        return templates.render("redirect.html", context);
    }

    /**
     * The home page: the newest posts, and a link to the archive when there are more.
     *
     * @param newest the newest posts, newest first
     * @param count  how many posts there are in all
     */
    public String index(List<RenderedPost> newest, int count) {
        Map<String, Object> context = siteContext();
        context.put("posts", newest.stream().map(this::postContext).toList());
        context.put("older", count > newest.size());
        context.put("count", count);
        return templates.render("index.html", context);
    }

    /** A month of the archive, with the posts of that month, newest first. */
    public record Month(YearMonth month, int count) {
        /** The month's page below the site root: {@code archive/2024/05/}. */
        public String path() {
            int year = month.getYear();
            int number = month.getMonthValue();
            // Joined, not formatted, for the years posts have: the archive and the sitemap ask it of every month.
            return year >= 1000 && year <= 9999
                    ? "archive/" + year + (number < 10 ? "/0" : "/") + number + "/"
                    : String.format(Locale.ROOT, "archive/%04d/%02d/", year, number);
        }
    }

    /** The archive's first page: every month with posts, newest first. */
    public String archive(List<Month> months) {
        Map<String, Object> context = siteContext();
        context.put("title", "Archive");
        context.put("url", site.link("archive/"));
        context.put("months", months.stream().map(month -> Map.<String, Object>of(
                "name", MONTH.format(month.month()), "url", site.link(month.path()), "count", month.count(),
                "one", month.count() == 1)).toList());
        return templates.render("archive.html", context);
    }

    /** One month's page of the archive. */
    public String month(YearMonth month, List<RenderedPost> posts) {
        Map<String, Object> context = siteContext();
        context.put("title", MONTH.format(month));
        context.put("url", site.link(new Month(month, posts.size()).path()));
        context.put("posts", posts.stream().map(this::postContext).toList());
        return templates.render("archive.html", context);
    }

    /** The page for a path the site does not have: served from any path, so its links are absolute. */
    public String notFound() {
        Map<String, Object> context = siteContext();
        context.put("title", "Page not found");
        return templates.render("404.html", context);
    }

    /**
     * A tag's page: its posts, newest first, with the tag's own feeds, and the subscribe form preset to the tag as
     * its {@code topic}.
     *
     * @param folder the tag's folder below the site root: {@code tags/rust/}
     */
    public String tag(String tag, String folder, List<RenderedPost> posts) {
        Map<String, Object> context = siteContext();
        context.put("title", "Posts tagged " + tag);
        context.put("tag", tag);
        context.put("topic", tag);
        context.put("url", site.link(folder));
        context.put("posts", posts.stream().map(this::postContext).toList());
        context.put("feeds", feeds(folder));
        return templates.render("tag.html", context);
    }

    /**
     * The index of the newsletter's past issues, newest first, linking their feeds.
     *
     * @param folder the archive's folder below the site root, where {@link dev.gazette.feed.Feeds#issues} writes the
     *               feeds
     * @param issues each issue as {@link dev.gazette.digest.IssuePages#listing} makes it
     */
    public String issues(String folder, List<RenderedPost> issues) {
        Map<String, Object> context = siteContext();
        context.put("title", "Newsletter");
        context.put("url", site.link(folder));
        context.put("posts", issues.stream().map(this::postContext).toList());
        context.put("rss", site.link(folder + "feed.xml"));
        context.put("feeds", feeds(folder));
        return templates.render("newsletter.html", context);
    }

    private Map<String, Object> siteContext() {
        Map<String, Object> context = site.templateContext();
        context.put("feeds", feeds(""));
        return context;
    }

    /** The feeds in a folder of the site: the site's own at the root, a tag's in its folder. */
    private List<Map<String, String>> feeds(String folder) {
        List<Map<String, String>> feeds = new ArrayList<>();
        for (FeedFormat format : FeedFormat.ALL) {
            feeds.add(Map.of("url", site.link(folder + format.fileName()), "type", format.mediaType()));
        }
        return feeds;
    }

    private Map<String, Object> postContext(RenderedPost post) {
        Map<String, Object> context = new HashMap<>();
        context.put("title", post.title());
        context.put("url", post.url());
        context.put("date", site.day(post.date()));
        context.put("datetime", post.date().toString());
        context.put("authors", String.join(", ", post.authors()));
        context.put("tags", post.tags());
        context.put("hasTags", !post.tags().isEmpty());
        context.put("tagLinks", post.tags().stream().map(tag -> Map.of("name", tag,
                "url", site.link(Feeds.tagFolder(Feeds.key(tag))))).toList());
        context.put("summary", post.summary());
        context.put("html", post.html());
        context.put("image", post.image());
        return context;
    }
}
