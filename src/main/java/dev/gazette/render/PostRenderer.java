package dev.gazette.render;

import dev.gazette.post.Post;
import dev.gazette.site.Site;
import java.util.function.Function;

/**
 * Renders posts to {@link RenderedPost}s: Markdown to HTML, every URL absolute, a summary when the writer gave none.
 * Immutable and thread-safe.
 */
public final class PostRenderer {
    private final Site site;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    public PostRenderer(Site site) {
        this.site = site;
    }

    /**
     * @param path        the permalink's path below the site root
     * @param permalinkOf the permalink of the post at a source path, or null when no post is published there
     */
    public RenderedPost render(Post post, String path, Function<String, String> permalinkOf) {
        String url = site.link(path);
        MarkdownRenderer.Rendered rendered = markdown.render(post.body());
        LinkResolver links = new LinkResolver(site, permalinkOf);
        String html = links.resolveAll(rendered.html(), post.source(), url);
        String summary = post.summary() != null && !post.summary().isBlank()
                ? post.summary().strip()
                : Excerpt.of(rendered.openingText(), Excerpt.LENGTH);
        String image = post.image() == null ? null : links.resolve(post.image(), post.source(), url);
        return new RenderedPost(post.source(), url, path, post.title(), post.date(), post.lastChanged(), summary,
                post.tags(), post.authors(), image, html, post.email(), links.linkedPosts());
    }
}
