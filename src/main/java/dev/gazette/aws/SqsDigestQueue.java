package dev.gazette.aws;

import dev.gazette.publish.DigestQueue;
import dev.gazette.subscriber.Subscriber;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The digest queue in SQS: one message per batch of recipients, read by the Send function. */
public final class SqsDigestQueue implements DigestQueue {
    /**
     * SQS hides a received message for at most 12 hours from its receive, and Send receives it a few minutes at
     * most before it asks.
     */
    static final Duration LONGEST_HIDDEN = Duration.ofHours(12).minusMinutes(10);
    /**
     * A message received this often is put back as a fresh copy when held: the dead-letter queue counts receives
     * (five in the stack, three at the least), and a fresh copy starts again from none, and from a full retention.
     */
    static final int RECEIVES_KEPT = 2;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDigestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String digestId, List<Subscriber> recipients) {
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(new Batch(digestId, recipients).json()));
    }

    /** What became of a batch held back. */
    public enum Held {
        /** Hidden on the queue for the wait: leave the message there (report it as not done). */
        KEPT,
        /**
         * A fresh copy of it is on the queue: the message received is done with (delete it). The copy is
         * received again at once, and held from there.
         */
        REQUEUED
    }

    /**
     * Holds a received batch back for {@code wait} (at most about 12 hours), without a failed try: held however
     * long, a batch neither reaches the dead-letter queue nor outlives the queue's retention.
     *
     * @param receiveCount how many times SQS has handed out this message, this time included
     */
    public Held hold(String receiptHandle, String body, int receiveCount, Duration wait) {
        if (receiveCount <= RECEIVES_KEPT) {
            int seconds = (int) Math.min(wait.toSeconds(), LONGEST_HIDDEN.toSeconds());
            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
            return Held.KEPT;
        }
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        return Held.REQUEUED;
    }
}
