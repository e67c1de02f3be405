package dev.gazette.publish;

import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a post published in a run is to be emailed: the rule that every post is emailed at most once, read in one
 * place. A new post is due unless the run is a first run, its front matter says no, or it is old news; a post that
 * moved (renamed, moved to another folder, or given another permalink) keeps the decision it had; a copy of a post
 * that was emailed is not emailed again.
 */
final class MailingPolicy {
    private final Catalog catalog;
    private final Instant now;
    private final boolean archive;
    private final Duration emailMaxAge;
    /** Whether the file of the post at this source is gone. */
    private final Predicate<String> fileIsGone;
    private final List<Report.NotMailed> notMailed = new ArrayList<>();

    /**
     * @param archive every post published now is old news and emailed to nobody: the first run on a blog
     */
    MailingPolicy(Catalog catalog, Instant now, boolean archive, Duration emailMaxAge, Predicate<String> fileIsGone) {
        this.catalog = catalog;
        this.now = now;
        this.archive = archive;
        this.emailMaxAge = emailMaxAge;
        this.fileIsGone = fileIsGone;
    }

    /** Posts published now that will never be emailed, and why; none on a first run, where that goes for all. */
    List<Report.NotMailed> notMailed() {
        return List.copyOf(notMailed);
    }

    /**
     * Decides for a post published for the first time from its file. The same text published before under another
     * permalink is a file renamed or moved (in this run or across runs, in either order) or copied.
     */
    void published(RenderedPost post, String hash) throws IOException {
        Optional<String> before = catalog.lastPublishedAt(hash).filter(url -> !url.equals(post.url()));
        if (before.isEmpty() || !carry(before.get(), post, isGone(before.get()))) {
            decide(post);
        }
    }

    /** Decides for a published post whose permalink changed from {@code before}. */
    void moved(String before, RenderedPost post) throws IOException {
        if (!carry(before, post, true)) {
            decide(post);
        }
    }

    /**
     * Carries the ledger entry of the same post under an earlier permalink to this one, so it is emailed at most
     * once: emailed there, it is not emailed here; due there and moved, it is due here instead.
     *
     * @param moved false when the post at {@code from} is still there: this is a copy
     * @return false when there is nothing to carry, and this post is to be decided afresh
     */
    private boolean carry(String from, RenderedPost to, boolean moved) throws IOException {
        Optional<Mailing> before = catalog.mailing(from);
        if (before.isEmpty()) {
            return false;
        }
        if (moved) {
            catalog.noteMoved(from, to.url());
        }
        switch (before.get().state()) {
            case DUE -> {
                if (!moved) {
                    return false;
                }
                if (catalog.withdraw(from)) {
                    catalog.addMailing(Mailing.due(to.url(), now));
                    return true;
                }
                // Changed meanwhile: a digest took it, or it was withdrawn as taken off the site.
                return carry(from, to, true);
            }
            case IN_DIGEST -> {
                return skip(to, "emailed as " + from);
            }
            default -> {
                return skip(to, before.get().detail());
            }
        }
    }

    private boolean skip(RenderedPost post, String reason) throws IOException {
        if (catalog.addMailing(Mailing.skipped(post.url(), reason, now)) && !archive) {
            notMailed.add(new Report.NotMailed(post.source(), reason));
        }
        return true;
    }

    /** Whether the post published at {@code url} is gone, or its file is: then a post of its text moved. */
    private boolean isGone(String url) throws IOException {
        Optional<RenderedPost> post = catalog.published(url);
        return post.isEmpty() || fileIsGone.test(post.get().source());
    }

    private void decide(RenderedPost post) throws IOException {
        if (catalog.mailing(post.url()).isPresent()) {
            return;
        }
        String reason = null;
        if (archive) {
            reason = "published on the first run";
        } else if (!post.email()) {
            reason = "its front matter says email: false";
        } else if (post.date().isBefore(now.minus(emailMaxAge))) {
            reason = "dated more than " + emailMaxAge.toDays() + " days before it was published";
        }
        Mailing mailing = reason == null ? Mailing.due(post.url(), now) : Mailing.skipped(post.url(), reason, now);
        if (catalog.addMailing(mailing) && reason != null && !archive) {
            notMailed.add(new Report.NotMailed(post.source(), reason));
        }
    }
}
