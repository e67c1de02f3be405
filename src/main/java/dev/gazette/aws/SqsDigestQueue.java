package dev.gazette.aws;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.gazette.publish.DigestQueue;
import dev.gazette.subscriber.Subscriber;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The digest queue in SQS: one message per batch of recipients, read by the Send function. */
public final class SqsDigestQueue implements DigestQueue {
    private static final Gson GSON = new Gson();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDigestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One message: a digest and up to {@link #BATCH_SIZE} of its recipients. */
    public record Batch(String digest, List<Subscriber> recipients) {
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

    @Override
    public void enqueue(String digestId, List<Subscriber> recipients) {
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(new Batch(digestId, recipients).json()));
    }
}
