package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.DigestQueue;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import dev.gazette.publish.SendingLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Send function: mails the batches of a digest that Digest put on the queue. Each message is sent at most
 * once (see {@code SesMailer}); recipients who unsubscribed or bounced since the batch was queued are passed over.
 * A batch that fails is reported back to SQS, which delivers it again later and, after several tries, moves it
 * to the dead-letter queue. A batch that may not go now (sending paused, the 24-hour quota used up) is held on the
 * queue instead, and tried again later. The bounce and complaint alarms, through the alert topic, pause sending.
 */
public final class SendHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;
    /** The digest whose batches this instance last looked the writer's templates up for. */
    private String templatesOf;

    public SendHandler() {
        this(System.getenv(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    SendHandler(Map<String, String> env, Clock clock) {
        this.cloud = new Cloud(env);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = Events.read(input);
        JsonArray records = event.has("Records") ? event.getAsJsonArray("Records") : new JsonArray();
        JsonArray failures = new JsonArray();
        boolean stopped = false;
        for (JsonElement element : records) {
            JsonObject record = element.getAsJsonObject();
            if (SnsMessage.isSns(record)) {
                alarm(SnsMessage.of(record));
                continue;
            }
            String messageId = record.get("messageId").getAsString();
            if (stopped) {
                failures.add(failure(messageId));
                continue;
            }
            try {
                if (!handle(record)) {
                    failures.add(failure(messageId));
                }
            } catch (Mailer.Stopped e) {
                stopped = true;
                failures.add(failure(messageId));
                Log.of("send").with("message", messageId).with("outcome", "stopped").with("error", e.getMessage())
                        .print();
            } catch (IOException | SdkException | IllegalArgumentException e) {
                failures.add(failure(messageId));
                Log.of("send").with("message", messageId).with("outcome", "failed").with("error", e.getMessage())
                        .print();
            }
        }
        JsonObject response = new JsonObject();
        response.add("batchItemFailures", failures);
        Events.write(output, response);
    }

    /** @return whether the message is done with, to be deleted; else it stays on the queue */
    private boolean handle(JsonObject record) throws IOException {
        DigestQueue.Batch batch = DigestQueue.Batch.parse(record.get("body").getAsString());
        if (!batch.digest().equals(templatesOf)) {
            // The writer's templates, looked up once a digest by each instance, not for every batch of readers.
            cloud.refreshTemplates();
            templatesOf = batch.digest();
        }
        SendingLimits.Allowance allowance = SendingLimits.allowance(cloud.sendingPause().current(), cloud.account());
        if (allowance.waits()) {
            return hold(record, batch, allowance.waitFor(), allowance.reason());
        }
        try {
            send(batch, cloud.sendingMail(clock, allowance));
            return true;
        } catch (Mailer.Held e) {
            // Those mailed before the hold have their send records: the batch's next try passes over them.
            return hold(record, batch, SendingLimits.waitFor(e), e.getMessage());
        }
    }

    private boolean hold(JsonObject record, DigestQueue.Batch batch, Duration wait, String reason) {
        int receives = Integer.parseInt(Optional.ofNullable(Events.text(Events.object(record, "attributes"),
                "ApproximateReceiveCount")).orElse("1"));
        SqsDigestQueue.Held held = cloud.queue().hold(record.get("receiptHandle").getAsString(),
                record.get("body").getAsString(), receives, wait);
        Log.of("send").with("digest", batch.digest()).with("recipients", batch.recipients().size())
                .with("outcome", "held " + held.name().toLowerCase() + " for " + wait.toMinutes() + " minutes")
                .with("reason", reason).print();
        return held == SqsDigestQueue.Held.REQUEUED;
    }

    private void send(DigestQueue.Batch batch, Digests.Mail mail) throws IOException {
        Digests.Batch sent = cloud.digests().sendBatch(batch.digest(), batch.recipients(), cloud.subscribers(),
                mail, clock.instant());
        DigestSender.Delivery delivery = sent.delivery();
        Log.of("send").with("digest", batch.digest()).with("sent", delivery.sent())
                .with("sentBefore", delivery.already()).with("uncertain", delivery.uncertain())
                .with("rejected", delivery.rejected())
                .with("passedOver", sent.passedOver()).with("nothing", delivery.nothing())
                .with("summarised", delivery.summarised())
                .with("failed", delivery.failed().stream().map(DigestSender.Failure::address).toList())
                .with("outcome", outcome(sent)).print();
        if (!delivery.failed().isEmpty()) {
            // The batch comes back: those it reached are passed over then, the others tried again.
            DigestSender.Failure first = delivery.failed().get(0);
            throw new IOException(delivery.failed().size() + " not sent, such as " + first.address() + ": "
                    + first.reason());
        }
    }

    /** An alarm from the alert topic: the bounce and complaint alarms pause sending, the others are only logged. */
    private void alarm(SnsMessage message) throws IOException {
        Log log = Log.of("alarm").with("topic", message.topic());
        if (!message.topic().equals(cloud.variable(Config.ALERT_TOPIC))) {
            log.with("outcome", "not from the stack's alert topic (" + Config.ALERT_TOPIC + "), refused").print();
            return;
        }
        Optional<String> reason = AlarmNotice.pauseReason(message);
        if (reason.isEmpty()) {
            log.with("outcome", "not a bounce or complaint alarm, passed over").print();
            return;
        }
        cloud.sendingPause().pause(reason.get(), clock.instant());
        log.with("reason", reason.get()).with("outcome", "sending paused; resume with 'gazette sends resume'")
                .print();
    }

    private static String outcome(Digests.Batch sent) {
        if (sent.posts() == 0) {
            return "nothing to send: the digest's posts were gone before it was sent";
        }
        DigestSender.Delivery delivery = sent.delivery();
        return delivery.uncertain().isEmpty() && delivery.rejected().isEmpty() && delivery.failed().isEmpty() ? "sent"
                : "sent, some to look at";
    }

    private static JsonObject failure(String messageId) {
        JsonObject failure = new JsonObject();
        failure.addProperty("itemIdentifier", messageId);
        return failure;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(cloud);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
