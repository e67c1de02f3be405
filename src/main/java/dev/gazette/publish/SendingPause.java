package dev.gazette.publish;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The one flag that pauses the sending of digests: set by the bounce and complaint alarms or by hand, read by the
 * senders before each batch, cleared by hand. Batches wait while it is set; nothing is sent or dropped.
 */
public interface SendingPause {
    /** Why sending was paused, and since when. */
    record Pause(String reason, Instant since) {
    }

    /** The pause in force; empty while digests may be sent. */
    Optional<Pause> current() throws IOException;

    /** Pauses sending, unless it is paused already: the first reason is kept. */
    void pause(String reason, Instant now) throws IOException;

    /** @return the pause lifted; empty when sending was not paused */
    Optional<Pause> resume() throws IOException;
}
