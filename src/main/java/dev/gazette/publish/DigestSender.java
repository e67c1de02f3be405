package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Emails the posts that are due as one digest, so that no post is emailed twice and no subscriber gets a digest
 * twice: the digest is recorded before the first email goes, a run that stops half-way resumes that same digest,
 * and the mailer skips every message it has sent before.
 */
public final class DigestSender {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

    private final DigestComposer composer;
    private final Mailer mailer;

    public DigestSender(DigestComposer composer, Mailer mailer) {
        this.composer = composer;
        this.mailer = mailer;
    }

    /**
     * The digest to send now: one an earlier run left unfinished, else a new one of the due posts, recorded in the
     * catalog. Empty when no post is due. Save the catalog before sending, so a crash cannot lose the record.
     */
    public static Optional<Digest> open(Catalog catalog, Instant now) {
        Optional<Digest> unfinished = catalog.openDigest();
        if (unfinished.isPresent()) {
            return unfinished;
        }
        List<RenderedPost> posts = new ArrayList<>();
        for (Mailing mailing : catalog.due()) {
            Optional<RenderedPost> post = catalog.published(mailing.postId());
            if (post.isPresent()) {
                posts.add(post.get());
            } else {
                catalog.putMailing(Mailing.skipped(mailing.postId(), "taken off the site before its digest", now));
            }
        }
        if (posts.isEmpty()) {
            return Optional.empty();
        }
        posts.sort(Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url));
        List<String> ids = posts.stream().map(RenderedPost::url).toList();
        Digest digest = new Digest(DAY.format(now) + "-" + Publisher.sha256(
                String.join("\n", ids).getBytes(StandardCharsets.UTF_8)).substring(0, 12), ids, now, null, 0);
        catalog.putDigest(digest);
        for (String id : ids) {
            catalog.putMailing(new Mailing(id, Mailing.State.IN_DIGEST, digest.id(), now));
        }
        return Optional.of(digest);
    }

    /** The digest's posts as they are now; one taken off the site since the digest was made is left out. */
    public static List<RenderedPost> posts(Catalog catalog, Digest digest) {
        List<RenderedPost> posts = new ArrayList<>();
        for (String id : digest.postIds()) {
            catalog.published(id).ifPresent(posts::add);
        }
        return posts;
    }

    /**
     * Emails the digest to each subscriber who has not had it yet.
     *
     * @return how many were sent now, and how many had it already
     */
    public Delivery send(Digest digest, List<RenderedPost> posts, Iterable<Subscriber> subscribers, Instant now)
            throws IOException {
        DigestComposer.Prepared prepared = composer.prepare(digest, posts);
        int sent = 0;
        int before = 0;
        for (Subscriber subscriber : subscribers) {
            if (mailer.send(composer.compose(prepared, subscriber, now))) {
                sent++;
            } else {
                before++;
            }
        }
        return new Delivery(sent, before);
    }

    /** Marks the digest sent once every subscriber has it. */
    public static void close(Catalog catalog, Digest digest, int recipients, Instant now) {
        catalog.putDigest(digest.sentTo(recipients, now));
    }

    /**
     * @param sent    emails sent in this run
     * @param already subscribers who had this digest from an earlier, interrupted run
     */
    public record Delivery(int sent, int already) {
    }
}
