package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.gazette.publish.Digests;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
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
        cloud.refreshTemplates();
        if (event.has("testRecipient")) {
            Events.write(output, sendTest(event.get("testRecipient").getAsString(), now));
        } else {
            Events.write(output, startDigest(cloud, now));
        }
    }

    /** Opens the digest of the due posts, or the one a crash left open, and queues its recipients. */
    static JsonObject startDigest(Cloud cloud, Instant now) throws IOException {
        JsonObject result = new JsonObject();
        Optional<Digests.Outcome> outcome = cloud.digests()
                .sendDue(now, cloud.archive(), Digests.queueTo(cloud.subscribers(), cloud.queue()));
        // The issue's own page is new; the archive's index and feeds were cached before it.
        cloud.invalidateChanged();
        if (outcome.isEmpty()) {
            Log.of("digest").with("outcome", "nothing due").print();
            return result;
        }
        Digests.Outcome queued = outcome.get();
        if (queued.byAnotherRun()) {
            Log.of("digest").with("id", queued.digest().id()).with("outcome", "queued by another run").print();
            result.addProperty("id", queued.digest().id());
            return result;
        }
        Log.of("digest").with("id", queued.digest().id()).with("posts", queued.digest().postIds())
                .with("recipients", queued.recipients()).with("nothing", queued.nothing())
                .with("summarised", queued.summarised())
                .with("outcome", "queued").print();
        result.addProperty("id", queued.digest().id());
        result.addProperty("posts", queued.digest().postIds().size());
        result.addProperty("recipients", queued.recipients());
        result.addProperty("nothing", queued.nothing());
        return result;
    }

    private JsonObject sendTest(String address, Instant now) throws IOException {
        String to = EmailAddress.normalise(address)
                .orElseThrow(() -> new IllegalArgumentException("testRecipient is not an email address: " + address));
        Optional<Digests.Tested> tested = cloud.digests()
                .sendTest(new Subscriber(to, null), cloud.testMail(clock), now);
        JsonObject result = new JsonObject();
        if (tested.isEmpty()) {
            result.addProperty("outcome", "no post to send");
            return result;
        }
        int sent = tested.get().delivery().sent();
        Log.of("digest-test").with("to", to).with("posts", tested.get().digest().postIds()).with("sent", sent).print();
        result.addProperty("outcome", sent == 1 ? "sent" : "not sent");
        tested.get().delivery().failed().forEach(failure -> result.addProperty("error", failure.reason()));
        result.addProperty("posts", tested.get().digest().postIds().size());
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
