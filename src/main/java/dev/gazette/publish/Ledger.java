package dev.gazette.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The email ledger's rules, the one place they are written: a post is decided once (due or skipped); a due post is
 * claimed by one digest, skipped, or withdrawn (taken out, to be decided afresh); nothing else changes a record. Each
 * rule looks only at the post's current record, so a store applies it with one conditional replace.
 */
final class Ledger {
    private Ledger() {
    }

    /**
     * What a rule makes of a record.
     *
     * @param accepted false when the rule refuses: the record stays as it is
     * @param write    false when the record is already as the rule wants it
     * @param next     the record after, or null for none
     */
    record Step(boolean accepted, boolean write, Mailing next) {
        static final Step REFUSED = new Step(false, false, null);
        static final Step HOLDS = new Step(true, false, null);

        static Step to(Mailing next) {
            return new Step(true, true, next);
        }
    }

    /** A rule: the step to take from a post's current record. */
    interface Rule {
        Step apply(Optional<Mailing> current);
    }

    /** The first decision stands for ever. */
    static Rule add(Mailing mailing) {
        return current -> current.isPresent() ? Step.REFUSED : Step.to(mailing);
    }

    /** A due post goes to one digest; claiming it again for the same digest holds. */
    static Rule claim(String postId, String digestId, Instant now) {
        return current -> {
            if (current.isEmpty()) {
                return Step.REFUSED;
            }
            Mailing mailing = current.get();
            if (mailing.state() == Mailing.State.IN_DIGEST) {
                return digestId.equals(mailing.detail()) ? Step.HOLDS : Step.REFUSED;
            }
            return mailing.isDue()
                    ? Step.to(new Mailing(postId, Mailing.State.IN_DIGEST, digestId, now)) : Step.REFUSED;
        };
    }

    /** Only a due post is skipped: one a digest took meanwhile stays in it. */
    static Rule skip(String postId, String reason, Instant now) {
        return current -> current.filter(Mailing::isDue).isPresent()
                ? Step.to(Mailing.skipped(postId, reason, now)) : Step.REFUSED;
    }

    /**
     * A text goes out in one digest, whichever file carries it: the first digest to claim it has it, and claiming it
     * again for that digest holds.
     */
    static Rule claimText(String textId, String digestId, Instant now) {
        return current -> {
            if (current.isEmpty()) {
                return Step.to(new Mailing(textId, Mailing.State.IN_DIGEST, digestId, now));
            }
            return digestId.equals(current.get().detail()) ? Step.HOLDS : Step.REFUSED;
        };
    }

    /**
     * A digest is queued by one run at a time: the first to claim it has it, and another run takes it over only once
     * the holder has been at it for longer than any run lasts, so it must have stopped.
     */
    static Rule claimQueuing(String id, String runId, Instant now, Duration longestRun) {
        return current -> {
            if (current.isEmpty() || !current.get().since().plus(longestRun).isAfter(now)) {
                return Step.to(new Mailing(id, Mailing.State.IN_DIGEST, runId, now));
            }
            return runId.equals(current.get().detail()) ? Step.HOLDS : Step.REFUSED;
        };
    }

    /** Gives back a text or a digest's queuing that {@code holder} claimed and will not see through after all. */
    static Rule release(String holder) {
        return current -> current.filter(mailing -> holder.equals(mailing.detail())).isPresent()
                ? Step.to(null) : Step.REFUSED;
    }

    /** Only a due post is withdrawn. */
    static Rule withdraw() {
        return current -> current.filter(Mailing::isDue).isPresent() ? Step.to(null) : Step.REFUSED;
    }
}
