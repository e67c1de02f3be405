package dev.gazette.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a site is: where it lives and how it is called. Immutable.
 *
 * @param url      the site's base URL, always ending in {@code /}
 * @param feedSize how many of the newest posts each feed holds
 * @param hub      the WebSub hub the feeds name, so readers hear of new posts at once; empty for none
 */
public record Site(URI url, String title, String description, String language, ZoneId zone,
                   PermalinkPattern permalinks, int feedSize, String hub) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /** A site whose feeds name no WebSub hub. */
    public Site(URI url, String title, String description, String language, ZoneId zone,
                PermalinkPattern permalinks, int feedSize) {
        this(url, title, description, language, zone, permalinks, feedSize, "");
    }

    public Site {
        if (!url.isAbsolute() || !(url.getScheme().equals("https") || url.getScheme().equals("http"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("site URL \"" + url + "\" must be an absolute http(s) URL such as https://example.com/");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("site URL \"" + url + "\" must not have a query or fragment");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        url = URI.create(url.getScheme() + "://" + url.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
        hub = hub == null ? "" : hub.strip();
        if (feedSize < 1) {
            throw new IllegalArgumentException("feed size must be at least 1, not " + feedSize);
        }
    }

    /** The absolute URL of a path below the site root, percent-encoded where needed: {@code posts/launch/}. */
    public String link(String path) {
        try {
            return url.resolve(new URI(null, null, "./" + path, null).toASCIIString()).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    /** The site's origin, {@code https://example.com}, where the subscription endpoints live. */
    public String origin() {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    /** A day as the pages and emails write it, in the site's time zone: {@code 3 May 2024}. */
    public String day(Instant instant) {
        return DAY.format(instant.atZone(zone));
    }

    /**
     * What every template of the site is given, pages and emails alike, for each to add its own to: {@code site}
     * with the site's title, URL, description, language, and where the subscribe form posts.
     */
    public Map<String, Object> templateContext() {
        Map<String, Object> context = new HashMap<>();
        context.put("site", Map.of(
                "title", title,
                "url", url.toString(),
                "description", description,
                "language", language,
                // On the site's own origin, so the form needs no CORS.
                "subscribe", subscribeUrl()));
        return context;
    }

    /** Where the subscribe form posts: on the site's own origin, where CloudFront and gazette serve route it. */
    public String subscribeUrl() {
        return origin() + "/subscribe";
    }
}
