package dev.gazette.publish;

import java.time.Instant;

/**
 * Whether a post is to be emailed, in the ledger that makes every post emailed at most once, ever.
 *
 * @param postId the post's permalink; for the record that a text went out in a digest, {@code text:} and the hash
 *               of the post file; for the record of the run that queues a digest, {@code queuing:} and its id
 * @param detail why it was skipped, or the id of the digest that carries it
 * @param since  when it came to this state
 */
public record Mailing(String postId, State state, String detail, Instant since) {

    public enum State {
        /** Waiting for the next digest. */
        DUE,
        /** Never to be emailed: {@code detail} says why. */
        SKIPPED,
        /** In the digest {@code detail}. */
        IN_DIGEST
    }

    boolean isDue() {
        return state == State.DUE;
    }

    static Mailing due(String postId, Instant now) {
        return new Mailing(postId, State.DUE, null, now);
    }

    static Mailing skipped(String postId, String reason, Instant now) {
        return new Mailing(postId, State.SKIPPED, reason, now);
    }
}
