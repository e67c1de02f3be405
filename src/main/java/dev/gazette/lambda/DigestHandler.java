package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.SesMailer;
import dev.gazette.digest.Digest;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Digest function: makes one digest of the posts that are due and puts its recipients on the queue in batches,
 * for the Send function. Invoked on the digest schedule, or by Publish right after a publish.
 * With {@code {"testRecipient": "you@example.com"}} it sends the digest of the due posts (or of the newest post) to
 * that address only, and leaves the posts due.
 */
public final class DigestHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;

    public DigestHandler() {
        this(System.getenv(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    DigestHandler(Map<String, String> env, Clock clock) {
        this.cloud = new Cloud(env);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = Events.read(input);
        Instant now = clock.instant();
        if (event.has("testRecipient")) {
            Events.write(output, sendTest(event.get("testRecipient").getAsString(), now));
        } else {
            Events.write(output, startDigest(cloud, cloud.catalog(), now));
        }
    }

    /** Opens the digest of the due posts, or the one a crash left open, and queues its recipients. */
    static JsonObject startDigest(Cloud cloud, Catalog catalog, Instant now) throws IOException {
        JsonObject result = new JsonObject();
        Optional<Digest> opened = DigestSender.open(catalog, now);
        if (opened.isEmpty()) {
            Log.of("digest").with("outcome", "nothing due").print();
            return result;
        }
        Digest digest = opened.get();
        int recipients = digest.postIds().isEmpty() ? 0 : DigestSender.enqueue(digest, cloud.subscribers(), cloud.queue());
        DigestSender.close(catalog, digest, recipients, now);
        Log.of("digest").with("id", digest.id()).with("posts", digest.postIds()).with("recipients", recipients)
                .with("outcome", "queued").print();
        result.addProperty("id", digest.id());
        result.addProperty("posts", digest.postIds().size());
        result.addProperty("recipients", recipients);
        return result;
    }

    private JsonObject sendTest(String address, Instant now) throws IOException {
        String to = EmailAddress.normalise(address)
                .orElseThrow(() -> new IllegalArgumentException("testRecipient is not an email address: " + address));
        Catalog catalog = cloud.catalog();
        List<RenderedPost> posts = new ArrayList<>();
        for (Mailing mailing : catalog.due()) {
            catalog.published(mailing.postId()).ifPresent(posts::add);
        }
        if (posts.isEmpty()) {
            posts.addAll(catalog.newest(1));
        }
        JsonObject result = new JsonObject();
        if (posts.isEmpty()) {
            result.addProperty("outcome", "no post to send");
            return result;
        }
        Digest test = new Digest("test-" + now.toEpochMilli(), posts.stream().map(RenderedPost::url).toList(), now,
                null, 0);
        Mailer mailer = new SesMailer(cloud.ses(), cloud.dynamo(), cloud.config.table(),
                cloud.config.configurationSet(), clock, new Pacer(0));
        DigestSender.Delivery delivery = new DigestSender(cloud.composer(), mailer)
                .send(test, posts, List.of(new Subscriber(to, null)), now);
        Log.of("digest-test").with("to", to).with("posts", test.postIds()).with("sent", delivery.sent()).print();
        result.addProperty("outcome", delivery.sent() == 1 ? "sent" : "not sent");
        delivery.failed().forEach(failure -> result.addProperty("error", failure.reason()));
        result.addProperty("posts", posts.size());
        return result;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(cloud);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
