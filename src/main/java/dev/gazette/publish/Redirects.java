package dev.gazette.publish;

import dev.gazette.page.PageWriter;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The redirect pages at a post's old paths ({@code aliases}, {@code redirect_from}): plain pages, so they work on
 * any host. {@link Permalinks} has made sure each old path belongs to its post alone.
 */
final class Redirects {
    private final PageWriter pages;
    private final SiteFiles siteFiles;
    private final Catalog catalog;

    Redirects(PageWriter pages, SiteFiles siteFiles, Catalog catalog) {
        this.pages = pages;
        this.siteFiles = siteFiles;
        this.catalog = catalog;
    }

    /** @return how many files were written or deleted */
    int write(RenderedPost post, List<String> before) throws IOException {
        int written = remove(post, before.stream().filter(alias -> !post.aliases().contains(alias)).toList());
        if (post.aliases().isEmpty()) {
            // Most posts have no old paths: no page to render for them.
            return written;
        }
        byte[] page = pages.redirect(post).getBytes(StandardCharsets.UTF_8);
        for (String alias : post.aliases()) {
            if (!isThePostsOwn(post, alias) && siteFiles.write(PermalinkPattern.file(alias), page)) {
                written++;
            }
        }
        return written;
    }

    /**
     * Deletes the redirect pages at these old paths of {@code post}, leaving a page another post holds now.
     *
     * @return how many files were deleted
     */
    int remove(RenderedPost post, List<String> aliases) throws IOException {
        int deleted = 0;
        for (String alias : aliases) {
            boolean heldByAnother = catalog.atPath(alias).filter(other -> !other.equals(post.source())).isPresent();
            if (!isThePostsOwn(post, alias) && !heldByAnother) {
                siteFiles.delete(PermalinkPattern.file(alias));
                deleted++;
            }
        }
        return deleted;
    }

    /** An old path that is the post's permalink now, which its page holds, as when a post moves back. */
    private static boolean isThePostsOwn(RenderedPost post, String alias) {
        return Permalinks.key(alias).equals(Permalinks.key(post.path()));
    }
}
