package dev.gazette.feed;

import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.List;

/**
 * One feed, whatever its format: the newest posts first.
 *
 * @param link      the page the feed stands for: the site, or a tag's listing
 * @param directory the URL of the folder that holds the feed's files, ending in {@code /}
 * @param stylesheet the URL of the XSL stylesheet that shows the RSS feed as a page in a browser
 * @param hub       the WebSub hub's URL; empty for none
 */
public record Feed(String title, String description, String language, String link, String directory,
                   String stylesheet, String hub, List<RenderedPost> items) {

    public Feed {
        items = List.copyOf(items);
    }

    /** When the newest change in the feed was made; stable while its posts are, so a rerun rewrites nothing. */
    public Instant updated() {
        return items.stream().map(item -> item.updated()).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** The name every item is credited to when its post names no author. */
    String defaultAuthor() {
        return title;
    }
}
