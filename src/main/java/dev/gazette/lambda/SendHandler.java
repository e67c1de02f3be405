package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.SesMailer;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.digest.Digest;
import dev.gazette.publish.DigestSender;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Send function: mails the batches of a digest that Digest put on the queue. Each message is sent at most
 * once (see {@link SesMailer}); recipients who unsubscribed or bounced since the batch was queued are passed over.
 * A batch that fails is reported back to SQS, which delivers it again later and, after several tries, moves it
 * to the dead-letter queue. When SES stops sending for the account, every batch left is handed back.
 */
public final class SendHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;
    private Pacer pacer;
    /**
     * The posts of the digests this instance sends, read once: reading them means reading the catalog, and a
     * digest comes in thousands of batches.
     */
    private final Map<String, List<RenderedPost>> digestPosts = new ConcurrentHashMap<>();

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
            String messageId = record.get("messageId").getAsString();
            if (stopped) {
                failures.add(failure(messageId));
                continue;
            }
            try {
                send(SqsDigestQueue.Batch.parse(record.get("body").getAsString()));
            } catch (SesMailer.SendingStopped e) {
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

    private void send(SqsDigestQueue.Batch batch) throws IOException {
        DynamoCatalog catalog = cloud.catalog();
        Optional<Digest> digest = catalog.digest(batch.digest());
        if (digest.isEmpty()) {
            throw new IllegalArgumentException("no digest " + batch.digest() + " in the table");
        }
        if (digestPosts.size() > 8) {
            digestPosts.clear();
        }
        List<RenderedPost> posts = digestPosts.computeIfAbsent(digest.get().id(),
                id -> DigestSender.posts(catalog, digest.get()));
        Set<String> mailable = cloud.subscribers().mailable(batch.recipients().stream().map(Subscriber::email).toList());
        List<Subscriber> recipients = new ArrayList<>();
        for (Subscriber subscriber : batch.recipients()) {
            if (mailable.contains(subscriber.email())) {
                recipients.add(subscriber);
            }
        }
        SesMailer mailer = new SesMailer(cloud.ses(), cloud.dynamo(), cloud.config.table(),
                cloud.config.configurationSet(), clock, pacer());
        DigestSender.Delivery delivery = posts.isEmpty() || recipients.isEmpty()
                ? new DigestSender.Delivery(0, 0, List.of(), List.of())
                : new DigestSender(cloud.composer(), mailer).send(digest.get(), posts, recipients, clock.instant());
        Log.of("send").with("digest", batch.digest()).with("sent", delivery.sent())
                .with("sentBefore", delivery.already()).with("uncertain", delivery.uncertain())
                .with("rejected", delivery.rejected())
                .with("passedOver", batch.recipients().size() - recipients.size())
                .with("failed", delivery.failed().stream().map(DigestSender.Failure::address).toList())
                .with("outcome", delivery.uncertain().isEmpty() && delivery.rejected().isEmpty()
                        && delivery.failed().isEmpty() ? "sent"
                        : "sent, some to look at").print();
        if (!delivery.failed().isEmpty()) {
            // The batch comes back: those it reached are passed over then, the others tried again.
            DigestSender.Failure first = delivery.failed().get(0);
            throw new IOException(delivery.failed().size() + " not sent, such as " + first.address() + ": "
                    + first.reason());
        }
    }

    /**
     * This sender's share of the account's rate: the configured limit, else SES's own maximum for the account,
     * split among the senders that may run at once.
     */
    private synchronized Pacer pacer() throws IOException {
        if (pacer == null) {
            double rate = cloud.config.maxSendRate() > 0 ? cloud.config.maxSendRate() : accountRate();
            pacer = new Pacer(rate / cloud.config.senderConcurrency());
        }
        return pacer;
    }

    /**
     * SES's maximum rate for the account. The SES client retries nothing (see {@code Clients.ses}), and senders
     * starting together may be throttled here: a read, so tried again for a few seconds.
     */
    private double accountRate() throws IOException {
        Pacer patience = new Pacer(0, Duration.ofSeconds(5));
        for (int attempt = 1; ; attempt++) {
            try {
                return cloud.ses().getAccount(request -> { }).sendQuota().maxSendRate();
            } catch (SdkException e) {
                if (!patience.backOff(attempt)) {
                    throw e;
                }
            }
        }
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
