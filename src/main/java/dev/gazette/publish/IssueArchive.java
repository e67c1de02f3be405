package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.digest.IssuePages;
import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The archive of past issues on the site: each digest's web copy under {@code newsletter/<id>/}, the index of the
 * issues and their feeds. A digest's web copy is written before its first email goes out, so the "View in your
 * browser" link of every email works; written again by a retried run, it is the same page, and the digest is listed
 * once, by its id.
 */
public final class IssueArchive {
    private final IssuePages issues;
    private final PageWriter pages;
    private final Feeds feeds;
    private final SiteFiles siteFiles;

    public IssueArchive(Site site, Templates templates, DigestComposer.Content content, SiteFiles siteFiles) {
        this.issues = new IssuePages(site, templates, content);
        this.pages = new PageWriter(site, templates);
        this.feeds = new Feeds(site);
        this.siteFiles = siteFiles;
    }

    /**
     * Writes the digest's web copy, with all its posts whatever each reader is sent, and the archive's index and
     * feeds with it; records the digest as archived.
     *
     * @return the digest as recorded now
     */
    Digest publish(Catalog catalog, Digest digest, List<RenderedPost> posts) throws IOException {
        if (posts.isEmpty()) {
            return digest;
        }
        write(IssuePages.path(digest) + "index.html", issues.webCopy(digest, posts));
        Digest archived = digest.inArchive();
        if (!digest.archived()) {
            catalog.putDigest(archived);
        }
        List<RenderedPost> listed = new ArrayList<>();
        for (Digest issue : catalog.archived()) {
            listed.add(issues.listing(issue, catalog.listed(issue)));
        }
        write(IssuePages.FOLDER + "index.html", pages.issues(IssuePages.FOLDER, listed));
        for (Map.Entry<String, String> feed : feeds.issues(IssuePages.FOLDER, listed).entrySet()) {
            write(feed.getKey(), feed.getValue());
        }
        return archived;
    }

    /** The posts of the digest that go in its emails as their summary, as Gmail would clip them whole. */
    List<String> summarisedInEmail(Digest digest, List<RenderedPost> posts) {
        return issues.summarisedInEmail(digest, posts);
    }

    private void write(String path, String content) throws IOException {
        siteFiles.write(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
