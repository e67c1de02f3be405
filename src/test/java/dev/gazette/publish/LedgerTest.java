package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The email ledger's rules, on records alone. */
class LedgerTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Mailing DUE = Mailing.due("p1", NOW.minusSeconds(60));
    private static final Mailing SKIPPED = Mailing.skipped("p1", "first run", NOW.minusSeconds(60));
    private static final Mailing IN_D1 = new Mailing("p1", Mailing.State.IN_DIGEST, "d1", NOW.minusSeconds(30));

    @Test
    void theFirstDecisionStands() {
        assertEquals(Ledger.Step.to(DUE), Ledger.add(DUE).apply(Optional.empty()));
        assertEquals(Ledger.Step.REFUSED, Ledger.add(SKIPPED).apply(Optional.of(DUE)));
    }

    @Test
    void aDuePostGoesToOneDigest() {
        Ledger.Rule claim = Ledger.claim("p1", "d1", NOW);
        assertEquals(Ledger.Step.to(new Mailing("p1", Mailing.State.IN_DIGEST, "d1", NOW)), claim.apply(Optional.of(DUE)));
        assertEquals(Ledger.Step.HOLDS, claim.apply(Optional.of(IN_D1)), "claimed again by the same digest");
        assertEquals(Ledger.Step.REFUSED, Ledger.claim("p1", "d2", NOW).apply(Optional.of(IN_D1)));
        assertEquals(Ledger.Step.REFUSED, claim.apply(Optional.of(SKIPPED)));
        assertEquals(Ledger.Step.REFUSED, claim.apply(Optional.empty()));
    }

    @Test
    void onlyADuePostIsSkipped() {
        Ledger.Rule skip = Ledger.skip("p1", "the same text as p0", NOW);
        assertEquals(Ledger.Step.to(Mailing.skipped("p1", "the same text as p0", NOW)), skip.apply(Optional.of(DUE)));
        assertEquals(Ledger.Step.REFUSED, skip.apply(Optional.of(IN_D1)));
        assertEquals(Ledger.Step.REFUSED, skip.apply(Optional.of(SKIPPED)));
        assertEquals(Ledger.Step.REFUSED, skip.apply(Optional.empty()));
    }

    @Test
    void onlyADuePostIsWithdrawn() {
        assertEquals(Ledger.Step.to(null), Ledger.withdraw().apply(Optional.of(DUE)));
        assertEquals(Ledger.Step.REFUSED, Ledger.withdraw().apply(Optional.of(IN_D1)));
        assertEquals(Ledger.Step.REFUSED, Ledger.withdraw().apply(Optional.empty()));
    }

    @Test
    void aTextGoesOutInOneDigest() {
        Mailing inD1 = new Mailing("text:h", Mailing.State.IN_DIGEST, "d1", NOW);
        assertEquals(Ledger.Step.to(inD1), Ledger.claimText("text:h", "d1", NOW).apply(Optional.empty()));
        assertEquals(Ledger.Step.HOLDS, Ledger.claimText("text:h", "d1", NOW).apply(Optional.of(inD1)));
        assertEquals(Ledger.Step.REFUSED, Ledger.claimText("text:h", "d2", NOW).apply(Optional.of(inD1)));
        assertEquals(Ledger.Step.REFUSED, Ledger.release("d2").apply(Optional.of(inD1)), "only its own digest");
        assertEquals(Ledger.Step.to(null), Ledger.release("d1").apply(Optional.of(inD1)));
    }
}
