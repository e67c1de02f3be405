package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The digest to send now: one an earlier run left unfinished, else a new one of the due posts. Empty when no
     * post is due. The digest is recorded before its posts are claimed, and each post is claimed by one digest
     * only, so two runs at once never email a post twice and a crash in between loses nothing.
     */
    public static Optional<Digest> open(Catalog catalog, Instant now) throws IOException {
        List<Digest> unfinished = catalog.openDigests();
        if (!unfinished.isEmpty()) {
            return Optional.of(claimPosts(catalog, unfinished.get(0), now));
        }
        // One post per text: a file copied or moved, both due, goes once, under the place it was published last.
        Map<String, RenderedPost> byText = new LinkedHashMap<>();
        boolean refreshed = false;
        for (Mailing mailing : catalog.due()) {
            Optional<RenderedPost> post = catalog.published(mailing.postId());
            if (post.isEmpty() && !refreshed) {
                // The catalog may have been read before another publisher put this post in: a post is in the
                // catalog before it is due, so one more read tells. Only then, as this runs after every publish.
                catalog.refresh();
                refreshed = true;
                post = catalog.published(mailing.postId());
            }
            if (post.isEmpty()) {
                // Taken off the site: out of the ledger, so it is decided afresh if it comes back.
                catalog.withdraw(mailing.postId());
                continue;
            }
            String text = catalog.entry(post.get().source()).map(Entry::hash).orElse(post.get().url());
            RenderedPost other = byText.get(text);
            if (other == null) {
                byText.put(text, post.get());
            } else {
                boolean keepOther = !catalog.lastPublishedAt(text).orElse("").equals(post.get().url());
                RenderedPost kept = keepOther ? other : post.get();
                RenderedPost dropped = keepOther ? post.get() : other;
                byText.put(text, kept);
                if (!catalog.skip(dropped.url(), "the same text as " + kept.url() + ", in the same digest", now)) {
                    // Another digest took it meanwhile: the text goes out there, not here as well.
                    byText.remove(text);
                    catalog.skip(kept.url(), "the same text as " + dropped.url() + ", in another digest", now);
                }
            }
        }
        List<RenderedPost> posts = new ArrayList<>(byText.values());
        if (posts.isEmpty()) {
            return Optional.empty();
        }
        posts.sort(Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url));
        List<String> ids = posts.stream().map(RenderedPost::url).toList();
        Digest digest = new Digest(DAY.format(now) + "-" + Entry.hashOf(
                String.join("\n", ids).getBytes(StandardCharsets.UTF_8)).substring(0, 12), ids, now, null, 0);
        catalog.putDigest(digest);
        return Optional.of(claimPosts(catalog, digest, now));
    }

    /** The digest with only the posts it could claim; sent to nobody when another digest took them all. */
    private static Digest claimPosts(Catalog catalog, Digest digest, Instant now) {
        List<String> claimed = new ArrayList<>();
        for (String id : digest.postIds()) {
            if (catalog.claim(id, digest.id(), now)) {
                claimed.add(id);
            }
        }
        if (claimed.size() == digest.postIds().size()) {
            return digest;
        }
        Digest trimmed = new Digest(digest.id(), claimed, digest.created(), claimed.isEmpty() ? now : null, 0);
        catalog.putDigest(trimmed);
        return trimmed;
    }

    /**
     * The digest's posts as they are now: one that moved since the digest was made is found where it went, one
     * taken off the site is left out.
     */
    public static List<RenderedPost> posts(Catalog catalog, Digest digest) {
        List<RenderedPost> posts = new ArrayList<>();
        for (String id : digest.postIds()) {
            String at = id;
            Optional<RenderedPost> post = catalog.published(at);
            // A few moves at most: a chain that goes round does not hold the digest up.
            for (int hop = 0; post.isEmpty() && hop < 5; hop++) {
                Optional<String> next = catalog.movedTo(at);
                if (next.isEmpty()) {
                    break;
                }
                at = next.get();
                post = catalog.published(at);
            }
            post.ifPresent(posts::add);
        }
        return posts;
    }

    /**
     * Emails the digest to each subscriber who has not had it yet. A message that cannot be sent to one subscriber
     * is that subscriber's failure, reported in the delivery: the others still get theirs.
     *
     * @return how many were sent now, how many had it already, and who may or may not have it
     * @throws Mailer.Stopped when the mail service stopped sending for everyone
     */
    public Delivery send(Digest digest, List<RenderedPost> posts, Iterable<Subscriber> subscribers, Instant now)
            throws IOException {
        DigestComposer.Prepared prepared = composer.prepare(digest, posts);
        int sent = 0;
        int before = 0;
        List<String> uncertain = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            Mailer.Result result;
            try {
                result = mailer.send(composer.compose(prepared, subscriber, now));
            } catch (Mailer.Stopped stopped) {
                throw stopped;
            } catch (IOException | RuntimeException e) {
                failed.add(new Failure(subscriber.email(), e.getMessage() == null ? e.toString() : e.getMessage()));
                continue;
            }
            switch (result) {
                case SENT -> sent++;
                case SENT_BEFORE -> before++;
                case UNCERTAIN -> uncertain.add(subscriber.email());
                case REJECTED -> rejected.add(subscriber.email());
            }
        }
        return new Delivery(sent, before, uncertain, rejected, failed);
    }

    /**
     * Puts every confirmed subscriber on the queue in batches, for the senders to mail. Enqueuing a digest again
     * after a crash is harmless: the mailer skips every message sent before.
     *
     * @return how many subscribers the digest goes to
     */
    public static int enqueue(Digest digest, SubscriberList subscribers, DigestQueue queue) throws IOException {
        int recipients = 0;
        String cursor = null;
        do {
            SubscriberList.Page page = subscribers.confirmed(cursor, DigestQueue.BATCH_SIZE);
            if (!page.subscribers().isEmpty()) {
                queue.enqueue(digest.id(), page.subscribers());
                recipients += page.subscribers().size();
            }
            cursor = page.next();
        } while (cursor != null);
        return recipients;
    }

    /** Marks the digest sent once every subscriber has it. */
    public static void close(Catalog catalog, Digest digest, int recipients, Instant now) {
        catalog.putDigest(digest.sentTo(recipients, now));
    }

    /**
     * @param sent      emails sent in this run
     * @param already   subscribers who had this digest from an earlier, interrupted run
     * @param uncertain subscribers an earlier run began to send to and could not tell whether it did; not sent
     *                  again, for a person to look at
     * @param rejected  subscribers the mail service refused to mail, for a person to look at
     * @param failed    subscribers whose email could not be sent now, and why: a later attempt sends it
     */
    public record Delivery(int sent, int already, List<String> uncertain, List<String> rejected,
                           List<Failure> failed) {
        public Delivery {
            uncertain = List.copyOf(uncertain);
            rejected = List.copyOf(rejected);
            failed = List.copyOf(failed);
        }

        /** A delivery in which nothing failed. */
        public Delivery(int sent, int already, List<String> uncertain, List<String> rejected) {
            this(sent, already, uncertain, rejected, List.of());
        }
    }

    /** A subscriber whose email could not be sent now, and why. */
    public record Failure(String address, String reason) {
    }
}
