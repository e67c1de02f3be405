package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Emails one digest to its subscribers, so that no subscriber gets it twice: the mailer skips every message it has
 * sent before. {@link Digests} decides which digest and which posts.
 */
public final class DigestSender {
    private final DigestComposer composer;
    private final Mailer mailer;

    public DigestSender(DigestComposer composer, Mailer mailer) {
        this.composer = composer;
        this.mailer = mailer;
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
