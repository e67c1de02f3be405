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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emails one digest to its subscribers, so that no subscriber gets it twice: the mailer skips every message it has
 * sent before. {@link Digests} decides which digest and which posts; each reader gets those of their topics
 * ({@link Topics}), in one email, and a reader none of whose topics the digest carries gets none.
 */
public final class DigestSender {
    private final DigestComposer composer;
    private final Mailer mailer;
    private final Preparer preparer;

    public DigestSender(DigestComposer composer, Mailer mailer) {
        this(composer, mailer, composer::prepare);
    }

    /** @param preparer renders a selection of posts once for every reader of it: the composer's, or one that counts */
    DigestSender(DigestComposer composer, Mailer mailer, Preparer preparer) {
        this.composer = composer;
        this.mailer = mailer;
        this.preparer = preparer;
    }

    /** Renders the digest of a selection of its posts, for nobody in particular. */
    interface Preparer {
        DigestComposer.Prepared prepare(Digest digest, List<RenderedPost> posts);
    }

    /** The digest's posts a reader of these topics gets, in the digest's order: none when it carries none of them. */
    public static List<RenderedPost> postsFor(List<RenderedPost> posts, List<String> topics) {
        return posts.stream().filter(post -> Topics.wants(topics, post.tags())).toList();
    }

    /**
     * Emails the digest to each subscriber who has not had it yet, with the posts of the topics the subscriber
     * carries: the topics as they were when the subscriber was read for this digest, so a reader whose topics change
     * while it is sent still gets one email, the one chosen then. A message that cannot be sent to one subscriber
     * is that subscriber's failure, reported in the delivery: the others still get theirs.
     *
     * @return how many were sent now, how many had it already, how many had nothing, and who may or may not have it
     * @throws Mailer.Stopped when the mail service stopped sending for everyone
     */
    public Delivery send(Digest digest, List<RenderedPost> posts, Iterable<Subscriber> subscribers, Instant now)
            throws IOException {
        // Readers of the same posts share one rendering, whatever topics chose them; the choice is made once per
        // distinct topics, which costs no rendering.
        Map<List<String>, List<RenderedPost>> chosen = new HashMap<>();
        Map<List<RenderedPost>, DigestComposer.Prepared> prepared = new HashMap<>();
        Set<String> summarised = new LinkedHashSet<>();
        int sent = 0;
        int before = 0;
        int nothing = 0;
        List<String> uncertain = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            List<RenderedPost> selection = chosen.computeIfAbsent(subscriber.topics(), topics -> postsFor(posts, topics));
            if (selection.isEmpty()) {
                nothing++;
                continue;
            }
            DigestComposer.Prepared theirs = prepared.computeIfAbsent(selection, those -> preparer.prepare(digest, those));
            summarised.addAll(theirs.summarised());
            Mailer.Result result;
            try {
                result = mailer.send(composer.compose(theirs, subscriber, now));
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
        return new Delivery(sent, before, uncertain, rejected, failed, nothing, List.copyOf(summarised));
    }

    /**
     * @param sent      emails sent in this run
     * @param already   subscribers who had this digest from an earlier, interrupted run
     * @param uncertain subscribers an earlier run began to send to and could not tell whether it did; not sent
     *                  again, for a person to look at
     * @param rejected  subscribers the mail service refused to mail, for a person to look at
     * @param failed    subscribers whose email could not be sent now, and why: a later attempt sends it
     * @param nothing   subscribers not mailed since none of their topics is among the digest's posts
     * @param summarised the posts that went in some reader's email as their summary, since whole they would take
     *                  that email past Gmail's clipping limit
     */
    public record Delivery(int sent, int already, List<String> uncertain, List<String> rejected,
                           List<Failure> failed, int nothing, List<String> summarised) {
        public Delivery {
            uncertain = List.copyOf(uncertain);
            rejected = List.copyOf(rejected);
            failed = List.copyOf(failed);
            summarised = List.copyOf(summarised);
        }

        /** A delivery in which nothing failed, to readers who all had posts, none summarised. */
        public Delivery(int sent, int already, List<String> uncertain, List<String> rejected) {
            this(sent, already, uncertain, rejected, List.of(), 0, List.of());
        }
    }

    /** A subscriber whose email could not be sent now, and why. */
    public record Failure(String address, String reason) {
    }
}
