package dev.gazette.page;

import dev.gazette.feed.FeedFormat;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The site's HTML pages: one per post, and the index listing them, each linking the three feeds. */
public final class PageWriter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

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

    /** @param posts every published post, newest first */
    public String index(List<RenderedPost> posts) {
        Map<String, Object> context = siteContext();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (RenderedPost post : posts) {
            listed.add(postContext(post));
        }
        context.put("posts", listed);
        return templates.render("index.html", context);
    }

    private Map<String, Object> siteContext() {
        Map<String, Object> context = new HashMap<>();
        context.put("site", Map.of(
                "title", site.title(),
                "url", site.url().toString(),
                "description", site.description(),
                "language", site.language()));
        List<Map<String, String>> feeds = new ArrayList<>();
        for (FeedFormat format : FeedFormat.ALL) {
            feeds.add(Map.of("url", site.link(format.fileName()), "type", format.mediaType()));
        }
        context.put("feeds", feeds);
        return context;
    }

    private Map<String, Object> postContext(RenderedPost post) {
        Map<String, Object> context = new HashMap<>();
        context.put("title", post.title());
        context.put("url", post.url());
        context.put("date", day(post.date()));
        context.put("datetime", post.date().toString());
        context.put("authors", String.join(", ", post.authors()));
        context.put("tags", post.tags());
        context.put("hasTags", !post.tags().isEmpty());
        context.put("summary", post.summary());
        context.put("html", post.html());
        context.put("image", post.image());
        return context;
    }

    private String day(Instant instant) {
        return DAY.format(instant.atZone(site.zone()));
    }
}
