package dev.gazette.render;

import dev.gazette.post.Post;

/** Renders posts to {@link RenderedPost}s: Markdown to HTML, every URL absolute, a summary when the writer gave none. */
public final class PostRenderer {
    private final MarkdownRenderer markdown;
    private final LinkResolver links;

    public PostRenderer(MarkdownRenderer markdown, LinkResolver links) {
        this.markdown = markdown;
        this.links = links;
    }

    /**
     * @param url  the post's permalink
     * @param path the permalink's path below the site root
     */
    public RenderedPost render(Post post, String url, String path) {
        MarkdownRenderer.Rendered rendered = markdown.render(post.body());
        String html = links.resolveAll(rendered.html(), post.source(), url);
        String summary = post.summary() != null ? post.summary().strip() : Excerpt.of(rendered.openingText(), Excerpt.LENGTH);
        String image = post.image() == null ? null : links.resolve(post.image(), post.source(), url);
        return new RenderedPost(post, url, path, html, summary, image);
    }
}
