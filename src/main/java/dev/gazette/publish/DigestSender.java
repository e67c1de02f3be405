package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Emails one digest to its subscribers, so that no subscriber gets it twice: the mailer skips every message it has
 * sent before. {@link Digests} decides which digest and which posts; each reader gets those of their topics
 * ({@link Topics}), in one email, and a reader none of whose topics the digest carries gets none.
 */
public final class DigestSender {
    private final DigestComposer composer;
    private final Mailer mailer;

    public DigestSender(DigestComposer composer, Mailer mailer) {
        this.composer = composer;
        this.mailer = mailer;
    }

    /**
     * Emails the digest to each subscriber who has not had it yet, with the posts of the topics the subscriber
     * carries: the topics as they were when the subscriber was read for this digest, so a reader whose topics change
     * while it is sent still gets one email, the one chosen then. A message that cannot be sent to one subscriber
     * is that subscriber's failure, reported in the delivery: the others still get theirs.
     *
     * @return how many were sent now, how many had it already, and who may or may not have it
     * @throws Mailer.Stopped when the mail service stopped sending for everyone
     */
    public Delivery send(Digest digest, List<RenderedPost> posts, Iterable<Subscriber> subscribers, Instant now)
            throws IOException {
        // Readers of the same topics share one rendering, and everyone-readers share the whole digest's.
        Map<List<String>, Optional<DigestComposer.Prepared>> prepared = new HashMap<>();
        int sent = 0;
        int before = 0;
        List<String> uncertain = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            Optional<DigestComposer.Prepared> theirs = prepared.computeIfAbsent(subscriber.topics(),
                    topics -> prepare(digest, posts, topics));
            if (theirs.isEmpty()) {
                continue;
            }
            Mailer.Result result;
            try {
                result = mailer.send(composer.compose(theirs.get(), subscriber, now));
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

    /** The digest of the posts a reader of {@code topics} gets; empty when it carries none of them. */
    private Optional<DigestComposer.Prepared> prepare(Digest digest, List<RenderedPost> posts, List<String> topics) {
        List<RenderedPost> theirs = posts.stream().filter(post -> Topics.wants(topics, post.tags())).toList();
        return theirs.isEmpty() ? Optional.empty() : Optional.of(composer.prepare(digest, theirs));
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
