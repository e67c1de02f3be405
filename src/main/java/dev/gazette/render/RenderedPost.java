package dev.gazette.render;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A post ready to publish: what feeds, pages and emails show of it, with every URL absolute. Immutable.
 *
 * @param source      the post file's path relative to the posts folder
 * @param url         the permalink, also the post's id in every feed
 * @param path        the permalink's path below the site root: {@code posts/launch/}
 * @param updated     when the post last changed: its {@code updated} field when later than its date, else its date
 * @param summary     the writer's summary, else an excerpt of the opening paragraphs
 * @param image       the cover image's absolute URL, or null
 * @param email       false when the post must never be emailed
 * @param linkedPosts the sources of the posts this one links to, so it can be rendered again when their permalinks move
 * @param aliases     paths below the site root where a page redirects to this post: where it was before
 */
public record RenderedPost(String source, String url, String path, String title, Instant date, Instant updated,
                           String summary, List<String> tags, List<String> authors, String image, String html,
                           boolean email, Set<String> linkedPosts, List<String> aliases) {

    public RenderedPost {
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
        linkedPosts = Set.copyOf(linkedPosts);
        // Posts recorded before aliases came have none.
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A post with no old paths. */
    public RenderedPost(String source, String url, String path, String title, Instant date, Instant updated,
                        String summary, List<String> tags, List<String> authors, String image, String html,
                        boolean email, Set<String> linkedPosts) {
        this(source, url, path, title, date, updated, summary, tags, authors, image, html, email, linkedPosts,
                List.of());
    }

    /** The same post with other HTML: stores keep the HTML apart from the rest. */
    public RenderedPost withHtml(String content) {
        return new RenderedPost(source, url, path, title, date, updated, summary, tags, authors, image, content, email,
                linkedPosts, aliases);
    }
}
