package dev.gazette.render;

import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.site.Site;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Renders posts to {@link RenderedPost}s: Markdown to HTML, every URL absolute, a summary when the writer gave none.
 * Immutable and thread-safe.
 */
public final class PostRenderer {
    private static final long MIN_HTML_LIMIT = 8 << 20;
    private static final int HTML_PER_CHARACTER = 8;

    private final Site site;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    public PostRenderer(Site site) {
        this.site = site;
    }

    /**
     * @param path        the permalink's path below the site root
     * @param permalinkOf the permalink of the post at a source path, or null when no post is published there
     * @throws PostException naming the post and what in it cannot be rendered; whatever the post holds, nothing
     *                       else is thrown, so one post never stops the others
     */
    public RenderedPost render(Post post, String path, Function<String, String> permalinkOf) throws PostException {
        return render(post, path, permalinkOf, link -> { });
    }

    /** @param local told of each relative link to a file of the posts folder, or out of it, and of the cover image */
    public RenderedPost render(Post post, String path, Function<String, String> permalinkOf,
                               Consumer<LocalLink> local) throws PostException {
        try {
            return renderPost(post, path, permalinkOf, local);
        } catch (StackOverflowError e) {
            throw new PostException(post.source(), 0, "nested too deeply to be rendered; flatten its Markdown or HTML");
        } catch (OutOfMemoryError e) {
            throw new PostException(post.source(), 0, "too large to be rendered in the memory Gazette has; make it"
                    + " smaller");
        } catch (RuntimeException e) {
            throw new PostException(post.source(), 0, "cannot be rendered: " + e);
        }
    }

    private RenderedPost renderPost(Post post, String path, Function<String, String> permalinkOf,
                                    Consumer<LocalLink> local) throws PostException {
        String url = site.link(path);
        LinkResolver links = new LinkResolver(site, permalinkOf);
        MarkdownRenderer.Rendered rendered = markdown.render(post.body(),
                link -> links.resolve(link, post.source(), url), post.source(), post.bodyLine());
        // Raw HTML carries URLs the Markdown tree does not: then read the whole HTML. Else only the in-page links
        // that extensions write (footnotes) are left, and they all start href="#.
        String html = rendered.rawHtml()
                ? links.resolveAll(rendered.html(), post.source(), url)
                : rendered.html().replace("href=\"#", "href=\"" + url + "#");
        checkSize(post, html);
        String summary = post.summary() != null && !post.summary().isBlank()
                ? post.summary().strip()
                : Excerpt.of(xml(rendered.openingText()), Excerpt.LENGTH);
        String image = post.image() == null ? null : links.resolveCover(post.image(), post.source(), url);
        links.local().forEach(local);
        return new RenderedPost(post.source(), url, path, xml(post.title()), post.date(), post.lastChanged(),
                xml(summary), post.tags().stream().map(PostRenderer::xml).toList(),
                post.authors().stream().map(PostRenderer::xml).toList(), image, xml(html), post.email(),
                links.linkedPosts(), post.aliases());
    }

    /**
     * Refuses a post whose HTML is over {@link #MIN_HTML_LIMIT} and {@link #HTML_PER_CHARACTER} times its Markdown:
     * the page, three feeds and the email each hold it again (escaped in the feeds), so 8 MB of HTML takes some
     * 160 MB of heap to publish. Prose comes to about as much HTML as Markdown; only short references, each made a
     * link with a full URL, grow it this much (a 1 MiB post of footnotes makes 17 MB).
     */
    private static void checkSize(Post post, String html) throws PostException {
        long limit = Math.max(MIN_HTML_LIMIT, HTML_PER_CHARACTER * (long) post.body().length());
        if (html.length() > limit) {
            throw new PostException(post.source(), 0, String.format(Locale.ROOT, "its HTML comes to %,d characters,"
                    + " over the limit of %,d (%d times its Markdown, at least 8 MiB); footnotes and links each add a"
                    + " full URL: split it into smaller posts", html.length(), limit, HTML_PER_CHARACTER));
        }
    }

    /** Characters XML 1.0 cannot hold (control characters such as a form feed) would make every feed invalid. */
    private static final Pattern NOT_IN_XML = Pattern.compile("[^\\t\\n\\r\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private static String xml(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Almost all text is plain: look for a suspect first, and only then for the rest with the pattern.
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xD800) {
                return NOT_IN_XML.matcher(text).replaceAll("");
            }
        }
        return text;
    }
}
