package dev.gazette.publish;

import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.util.List;

/**
 * Where a digest's recipients wait in batches for the senders: an SQS queue in the cloud, so that the queue and
 * the number of senders spread the work, not threads of one process.
 */
public interface DigestQueue {
    /** At most this many recipients in one batch. */
    int BATCH_SIZE = 50;

    void enqueue(String digestId, List<Subscriber> recipients) throws IOException;
}
