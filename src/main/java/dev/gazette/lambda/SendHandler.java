package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.DigestQueue;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Send function: mails the batches of a digest that Digest put on the queue. Each message is sent at most
 * once (see {@code SesMailer}); recipients who unsubscribed or bounced since the batch was queued are passed over.
 * A batch that fails is reported back to SQS, which delivers it again later and, after several tries, moves it
 * to the dead-letter queue. When SES stops sending for the account, every batch left is handed back.
 */
public final class SendHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;

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
        cloud.refreshTemplates();
        JsonArray records = event.has("Records") ? event.getAsJsonArray("Records") : new JsonArray();
        JsonArray failures = new JsonArray();
        boolean stopped = false;
        for (JsonElement element : records) {
            JsonObject record = element.getAsJsonObject();
            String messageId = record.get("messageId").getAsString();
            if (stopped) {
                failures.add(failure(messageId));
                continue;
            }
            try {
                send(DigestQueue.Batch.parse(record.get("body").getAsString()));
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

    private void send(DigestQueue.Batch batch) throws IOException {
        Digests.Batch sent = cloud.digests().sendBatch(batch.digest(), batch.recipients(), cloud.subscribers(),
                cloud.sendingMail(clock), clock.instant());
        DigestSender.Delivery delivery = sent.delivery();
        Log.of("send").with("digest", batch.digest()).with("sent", delivery.sent())
                .with("sentBefore", delivery.already()).with("uncertain", delivery.uncertain())
                .with("rejected", delivery.rejected())
                .with("passedOver", sent.passedOver())
                .with("failed", delivery.failed().stream().map(DigestSender.Failure::address).toList())
                .with("outcome", outcome(sent)).print();
        if (!delivery.failed().isEmpty()) {
            // The batch comes back: those it reached are passed over then, the others tried again.
            DigestSender.Failure first = delivery.failed().get(0);
            throw new IOException(delivery.failed().size() + " not sent, such as " + first.address() + ": "
                    + first.reason());
        }
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
