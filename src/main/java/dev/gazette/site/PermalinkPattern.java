package dev.gazette.site;

import dev.gazette.post.Post;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Where a post is published, as Jekyll writes it: {@code /posts/:slug/} (the default),
 * {@code /:year/:month/:day/:slug/} or {@code /blog/:year/:slug.html}.
 */
public record PermalinkPattern(String pattern) {
    public static final PermalinkPattern DEFAULT = new PermalinkPattern("/posts/:slug/");

    public PermalinkPattern {
        if (!pattern.startsWith("/") || !pattern.contains(":slug")
                || !(pattern.endsWith("/") || pattern.endsWith(".html"))) {
            throw new IllegalArgumentException("permalink pattern \"" + pattern
                    + "\" must start with '/', contain ':slug' and end with '/' or '.html', as in /posts/:slug/");
        }
    }

    /** The post's path below the site root, without a leading slash: {@code posts/launch/}. */
    public String path(Post post, ZoneId zone) {
        LocalDate day = post.date().atZone(zone).toLocalDate();
        return pattern.substring(1)
                .replace(":year", String.format(Locale.ROOT, "%04d", day.getYear()))
                .replace(":month", String.format(Locale.ROOT, "%02d", day.getMonthValue()))
                .replace(":day", String.format(Locale.ROOT, "%02d", day.getDayOfMonth()))
                .replace(":slug", post.slug());
    }

    /** The file that holds the page at {@code path}: {@code posts/launch/index.html}. */
    public static String file(String path) {
        return path.endsWith("/") ? path + "index.html" : path;
    }
}
