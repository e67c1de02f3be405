package dev.gazette.publish;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
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

    /** One message of the queue: a digest and up to {@link #BATCH_SIZE} of its recipients, as JSON. */
    record Batch(String digest, List<Subscriber> recipients) {
        private static final Gson GSON = new Gson();

        public Batch {
            recipients = List.copyOf(recipients);
        }

        /** @throws IllegalArgumentException when the message is not a batch */
        public static Batch parse(String body) {
            Batch batch;
            try {
                batch = GSON.fromJson(body, Batch.class);
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("not a digest batch: " + e.getMessage(), e);
            }
            if (batch == null || batch.digest() == null || batch.recipients() == null) {
                throw new IllegalArgumentException("not a digest batch: " + body);
            }
            return batch;
        }

        public String json() {
            return GSON.toJson(this);
        }
    }
}
