package dev.gazette.site;

import dev.gazette.post.Post;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Where a post is published, as Jekyll writes it: {@code /:year/:month/:day/:slug/} (the default),
 * {@code /posts/:slug/} or {@code /blog/:year/:slug.html}.
 *
 * @param chosen false for the {@link #DEFAULT}, which a site already published with another pattern does not take:
 *               it keeps the pattern it has
 */
public record PermalinkPattern(String pattern, boolean chosen) {
    /**
     * The date as Jekyll's default has it, so two posts of one slug on different days (a yearly "survey", a
     * "roadmap") never collide, and the day a file name starts with is in its URL.
     */
    public static final PermalinkPattern DEFAULT = new PermalinkPattern("/:year/:month/:day/:slug/", false);
    /** The default of sites first published before dates came into it, which they keep. */
    public static final PermalinkPattern BEFORE_DATES = new PermalinkPattern("/posts/:slug/");

    /** A pattern the writer chose. */
    public PermalinkPattern(String pattern) {
        this(pattern, true);
    }

    public PermalinkPattern {
        // Composed (NFC) as slugs are, so a path compared with another is compared as the URL it makes.
        pattern = Normalizer.normalize(pattern, Normalizer.Form.NFC);
        if (!pattern.startsWith("/") || !pattern.contains(":slug")
                || !(pattern.endsWith("/") || pattern.endsWith(".html"))) {
            throw new IllegalArgumentException("permalink pattern \"" + pattern
                    + "\" must start with '/', contain ':slug' and end with '/' or '.html', as in /posts/:slug/");
        }
        // A path is what it says only without '.', '..' or empty segments: /posts/:slug/../index.html would put
        // every post in one file, past the checks that keep posts off the files Gazette writes.
        String inner = pattern.substring(1, pattern.endsWith("/") ? pattern.length() - 1 : pattern.length());
        for (String segment : inner.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new IllegalArgumentException("permalink pattern \"" + pattern + "\" has the path segment \""
                        + segment + "\"; write it without '.', '..', '//' or '\\', as in /posts/:slug/");
            }
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
