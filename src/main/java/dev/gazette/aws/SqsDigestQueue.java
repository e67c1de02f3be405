package dev.gazette.aws;

import dev.gazette.publish.DigestQueue;
import dev.gazette.subscriber.Subscriber;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The digest queue in SQS: one message per batch of recipients, read by the Send function. */
public final class SqsDigestQueue implements DigestQueue {
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
}
