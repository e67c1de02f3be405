package dev.gazette.render;

import dev.gazette.post.Post;

/**
 * A post ready to publish: its permalink, its HTML with every URL absolute, and a summary.
 *
 * @param url     the permalink, also the post's id in every feed
 * @param path    the permalink's path below the site root: {@code posts/launch/}
 * @param summary the writer's summary, else an excerpt of the opening paragraphs
 * @param image   the cover image's absolute URL, or null
 */
public record RenderedPost(Post post, String url, String path, String html, String summary, String image) {
}
