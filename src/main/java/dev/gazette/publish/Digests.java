package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digest, the one use case every entry point calls ({@code gazette publish}, the Digest and Send functions, the
 * test send): open a digest of the due posts, record it, read its posts, send or queue it, close it. No post is
 * emailed twice: the digest is recorded before its posts are claimed, each post is claimed by one digest only, a
 * run that stops half-way resumes that same digest, and the mailer skips every message it has sent before.
 * <p>
 * A reader of topics gets the digest's posts of those topics, in the one email the digest sends them. Which posts
 * is fixed when the digest reads its readers, here or when it queues them in batches: the topics travel with the
 * reader, so a reader who changes topics while the digest is sent gets the email chosen before, once, and the new
 * topics from the next digest on. Nobody is mailed twice and nobody who was a reader when it was read is left out.
 */
public final class Digests {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);
    /** How many digests' posts a sender keeps, read once for the thousands of batches of one digest. */
    private static final int KEPT = 8;


    private final Store store;
    private final Duration longestRun;
    private final Map<String, Opened> kept = new ConcurrentHashMap<>();

    /**
     * @param longestRun longer than any run that sends or queues a digest: a run that claimed a digest this long
     *                   ago stopped, and another takes it over. Zero where one run at a time holds the store.
     */
    public Digests(Store store, Duration longestRun) {
        this.store = store;
        this.longestRun = longestRun;
    }

    /** Where a digest goes once it is open: mailed now, or queued in batches for the senders. */
    public interface Dispatch {
        Dispatched dispatch(Digest digest, List<RenderedPost> posts, Instant now) throws IOException;
    }

    /**
     * @param recipients how many subscribers the digest goes to: those with posts of their topics in it
     * @param nothing    how many subscribers have none of their topics in it, and get no email
     * @param selections the distinct selections of its posts the readers get, one email layout each
     * @param delivery   what became of each email, when they were mailed now; null when queued or none were sent
     */
    public record Dispatched(int recipients, int nothing, Set<List<RenderedPost>> selections,
                             DigestSender.Delivery delivery) {
        public Dispatched {
            selections = Set.copyOf(selections);
        }

        /** Whether every reader has it now or has it queued: else the digest stays open for the next run. */
        boolean complete() {
            return delivery == null || delivery.failed().isEmpty();
        }
    }

    /** Mails the digest now to these readers, when it has posts. */
    public static Dispatch mailTo(List<Subscriber> readers, Mail mail) {
        return (digest, posts, now) -> {
            Readers chosen = new Readers(posts);
            List<Subscriber> toMail = readers.stream().filter(chosen::wantsAny).toList();
            return new Dispatched(toMail.size(), chosen.nothing, chosen.selections,
                    toMail.isEmpty() || posts.isEmpty() ? null : mail.sender().send(digest, posts, toMail, now));
        };
    }

    /**
     * Puts every confirmed subscriber with posts of their topics in the digest on the queue in batches, for the
     * senders to mail. Queuing a digest again after a crash is harmless: the mailer skips every message sent before.
     */
    public static Dispatch queueTo(SubscriberList subscribers, DigestQueue queue) {
        return (digest, posts, now) -> {
            if (digest.postIds().isEmpty()) {
                return new Dispatched(0, 0, Set.of(), null);
            }
            Readers chosen = new Readers(posts);
            int recipients = 0;
            String cursor = null;
            do {
                SubscriberList.Page page = subscribers.confirmed(cursor, DigestQueue.BATCH_SIZE);
                List<Subscriber> toMail = page.subscribers().stream().filter(chosen::wantsAny).toList();
                if (!toMail.isEmpty()) {
                    queue.enqueue(digest.id(), toMail);
                    recipients += toMail.size();
                }
                cursor = page.next();
            } while (cursor != null);
            return new Dispatched(recipients, chosen.nothing, chosen.selections, null);
        };
    }

    /** Which of the digest's posts each reader gets, chosen once per distinct topics, and who gets none. */
    private static final class Readers {
        private final List<RenderedPost> posts;
        private final Map<List<String>, List<RenderedPost>> byTopics = new HashMap<>();
        private final Set<List<RenderedPost>> selections = new LinkedHashSet<>();
        private int nothing;

        Readers(List<RenderedPost> posts) {
            this.posts = posts;
        }

        boolean wantsAny(Subscriber reader) {
            List<RenderedPost> theirs = byTopics.computeIfAbsent(reader.topics(),
                    topics -> DigestSender.postsFor(posts, topics));
            if (theirs.isEmpty()) {
                nothing++;
                return false;
            }
            selections.add(theirs);
            return true;
        }
    }

    /** The sender, made only when there is something to mail: it needs the secret that signs the links. */
    public interface Mail {
        DigestSender sender() throws IOException;
    }

    /**
     * A digest sent or queued.
     *
     * @param posts      the posts it carries as they are now
     * @param recipients   how many subscribers it went to: those with posts of their topics in it
     * @param nothing      how many subscribers got no email, since none of their topics is in it
     * @param byAnotherRun another run is sending or queuing it now: this one left it alone
     * @param delivery     what became of each email, when it was mailed now; else null
     * @param summarised   the posts that go in some reader's email as their summary, since whole they would take
     *                     that email past Gmail's clipping limit
     */
    public record Outcome(Digest digest, List<RenderedPost> posts, int recipients, int nothing, boolean byAnotherRun,
                          DigestSender.Delivery delivery, List<String> summarised) {
    }

    /** Sends or queues the digest of the due posts, or the one a crash left open; empty when nothing is due. */
    public Optional<Outcome> sendDue(Instant now, Dispatch dispatch) throws IOException {
        return sendDue(now, null, dispatch);
    }

    /**
     * Sends or queues the digest of the due posts, or the one a crash left open, after writing its web copy into the
     * archive of past issues: before the first email goes out, so no email links to a page that is not there yet.
     * Empty when nothing is due.
     *
     * @param archive the archive of past issues; null for none
     */
    public Optional<Outcome> sendDue(Instant now, IssueArchive archive, Dispatch dispatch) throws IOException {
        Catalog catalog = Catalog.open(store);
        Optional<Digest> opened = open(catalog, now);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Digest digest = opened.get();
        List<RenderedPost> posts = catalog.postsOf(digest, () -> posts(catalog, digest));
        String run = UUID.randomUUID().toString();
        if (!catalog.claimQueuing(digest.id(), run, now, longestRun)) {
            // Another run is sending or queuing this digest now, and closes it when done.
            return Optional.of(new Outcome(digest, posts, 0, 0, true, null, List.of()));
        }
        Digest sending = digest;
        Set<String> summarised;
        Dispatched dispatched;
        try {
            if (archive != null) {
                sending = archive.publish(catalog, digest, posts);
            }
            dispatched = dispatch.dispatch(sending, posts, now);
            summarised = summarised(archive, digest, dispatched);
        } catch (IOException | RuntimeException e) {
            catalog.releaseQueuing(digest.id(), run);
            throw e;
        }
        if (dispatched.complete()) {
            catalog.putDigest(sending.sentTo(dispatched.recipients(), now));
        } else {
            // Left open, so the next run resumes this digest and sends it to those it could not reach.
            catalog.releaseQueuing(digest.id(), run);
        }
        return Optional.of(new Outcome(sending, posts, dispatched.recipients(), dispatched.nothing(), false,
                dispatched.delivery(), posts.stream().map(RenderedPost::url).filter(summarised::contains).toList()));
    }

    /**
     * The posts some reader's email carries as their summary. Mailed now, the sender laid out each selection of
     * posts, whether or not a reader had the email before, and says so; queued, nobody has yet, and each selection
     * is laid out here, once: each reader's email has its own layout, and a post alone may fit whole where all of
     * them would not.
     */
    private static Set<String> summarised(IssueArchive archive, Digest digest, Dispatched dispatched) {
        if (dispatched.delivery() != null) {
            return Set.copyOf(dispatched.delivery().summarised());
        }
        Set<String> summarised = new HashSet<>();
        if (archive != null) {
            for (List<RenderedPost> selection : dispatched.selections()) {
                summarised.addAll(archive.summarisedInEmail(digest, selection));
            }
        }
        return summarised;
    }

    /**
     * Mails one queued batch of a digest, to the recipients among it who may still be mailed.
     *
     * @throws IllegalArgumentException when there is no such digest
     */
    public Batch sendBatch(String digestId, List<Subscriber> recipients, SubscriberList subscribers, Mail mail,
                           Instant now) throws IOException {
        Opened digest = kept(digestId);
        Set<String> mailable = subscribers.mailable(recipients.stream().map(Subscriber::email).toList());
        List<Subscriber> toMail = recipients.stream().filter(subscriber -> mailable.contains(subscriber.email()))
                .toList();
        DigestSender.Delivery delivery = digest.posts().isEmpty() || toMail.isEmpty()
                ? new DigestSender.Delivery(0, 0, List.of(), List.of())
                : mail.sender().send(digest.digest(), digest.posts(), toMail, now);
        return new Batch(delivery, recipients.size() - toMail.size(), digest.posts().size());
    }

    /**
     * @param passedOver recipients not mailed since they unsubscribed or bounced after the batch was queued
     * @param posts      how many posts the digest carries; none when every one was gone before it was sent
     */
    public record Batch(DigestSender.Delivery delivery, int passedOver, int posts) {
    }

    /**
     * Sends the digest of the due posts, or else of the newest post, to one address only, leaving the posts due.
     *
     * @return empty when there is no post to send
     */
    public Optional<Tested> sendTest(Subscriber to, Mail mail, Instant now) throws IOException {
        return sendTest(Catalog.open(store), to, mail, now);
    }

    /** The test send, from a catalog the caller has open already, as the preview has after each build. */
    public static Optional<Tested> sendTest(Catalog catalog, Subscriber to, Mail mail, Instant now)
            throws IOException {
        List<RenderedPost> due = new ArrayList<>();
        for (Mailing mailing : catalog.due()) {
            catalog.published(mailing.postId()).ifPresent(due::add);
        }
        List<RenderedPost> posts = due.isEmpty() ? catalog.newest(1) : catalog.withHtml(due);
        if (posts.isEmpty()) {
            return Optional.empty();
        }
        Digest test = Digest.test(posts.stream().map(RenderedPost::url).toList(), now);
        return Optional.of(new Tested(test, mail.sender().send(test, posts, List.of(to), now)));
    }

    /** A test digest and what became of it. */
    public record Tested(Digest digest, DigestSender.Delivery delivery) {
    }

    /** A digest and its posts, read once per sender for all its batches. */
    private Opened kept(String digestId) throws IOException {
        Opened known = kept.get(digestId);
        if (known != null) {
            return known;
        }
        Catalog catalog = Catalog.open(store);
        Digest digest = catalog.digest(digestId)
                .orElseThrow(() -> new IllegalArgumentException("no digest " + digestId + " in the catalog"));
        if (kept.size() >= KEPT) {
            kept.clear();
        }
        Opened opened = new Opened(digest, catalog.postsOf(digest, () -> posts(catalog, digest)));
        kept.put(digestId, opened);
        return opened;
    }

    private record Opened(Digest digest, List<RenderedPost> posts) {
    }

    /**
     * The digest to send now: one an earlier run left unfinished, else a new one of the due posts. Empty when no
     * post is due. The digest is recorded before its posts are claimed, and each post is claimed by one digest
     * only, so two runs at once never email a post twice and a crash in between loses nothing.
     */
    static Optional<Digest> open(Catalog catalog, Instant now) throws IOException {
        List<Digest> unfinished = catalog.openDigests();
        if (!unfinished.isEmpty()) {
            return Optional.of(claimPosts(catalog, unfinished.get(0), now));
        }
        List<RenderedPost> posts = duePosts(catalog, now);
        if (posts.isEmpty()) {
            return Optional.empty();
        }
        posts.sort(Entries.NEWEST_FIRST);
        List<String> ids = posts.stream().map(RenderedPost::url).toList();
        Digest digest = new Digest(DAY.format(now) + "-" + Entry.hashOf(
                String.join("\n", ids).getBytes(StandardCharsets.UTF_8)).substring(0, 12), ids, now, null, 0);
        catalog.putDigest(digest);
        return Optional.of(claimPosts(catalog, digest, now));
    }

    /**
     * The due posts, one per text: a file copied or moved, both due, goes once, under the place it was published
     * last. A due post taken off the site is withdrawn from the ledger, so it is decided afresh if it comes back.
     */
    private static List<RenderedPost> duePosts(Catalog catalog, Instant now) throws IOException {
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
        return new ArrayList<>(byText.values());
    }

    /**
     * The digest with only the posts it could claim; sent to nobody when another digest took them all. A post is
     * claimed with its text: a copy of a post another digest took, published after that digest read what was due,
     * is skipped rather than emailed a second time.
     */
    private static Digest claimPosts(Catalog catalog, Digest digest, Instant now) throws IOException {
        List<String> claimed = new ArrayList<>();
        for (String id : digest.postIds()) {
            Optional<String> text = catalog.textOf(id);
            if (text.isPresent() && !catalog.claimText(text.get(), digest.id(), now)) {
                String other = catalog.textClaimedBy(text.get()).orElse("another digest");
                catalog.skip(id, "the same text went out in the digest " + other, now);
                continue;
            }
            if (catalog.claim(id, digest.id(), now)) {
                claimed.add(id);
            } else if (text.isPresent()) {
                catalog.releaseText(text.get(), digest.id());
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
    static List<RenderedPost> posts(Catalog catalog, Digest digest) throws IOException {
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
        return catalog.withHtml(posts);
    }
}
