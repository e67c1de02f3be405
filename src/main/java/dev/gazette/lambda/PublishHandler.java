package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.gazette.aws.S3Templates;
import dev.gazette.post.PostException;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Publish function. An S3 notification of the posts bucket publishes the posts and files it names (read as
 * they are now, so a notification delivered twice or late does no harm); the periodic check, any other event,
 * publishes scheduled posts whose date has come. With the digest cadence {@code immediate}, the due posts then go
 * out as a digest.
 */
public final class PublishHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;
    private final WebSub webSub;

    public PublishHandler() {
        this(System.getenv(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    PublishHandler(Map<String, String> env, Clock clock) {
        this.cloud = new Cloud(env);
        this.clock = clock;
        this.webSub = new WebSub(Objects.requireNonNullElse(cloud.variable(Config.HUB_URL), ""));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = Events.read(input);
        if (SiteUrlResource.is(event)) {
            SiteUrlResource.handle(event, cloud.siteUrls());
            Events.write(output, new JsonObject());
            return;
        }
        List<String> keys = Events.s3Keys(event);
        List<String> templates = keys.stream().filter(S3Templates::isTemplate).toList();
        List<String> templateProblems = cloud.refreshTemplates();
        // One read of the catalog: the publisher keeps it up to date with what it writes.
        Catalog catalog = cloud.catalog();
        Report report = cloud.publisher().publishKeys(catalog,
                keys.stream().filter(key -> !S3Templates.isTemplate(key)).toList(), cloud.uploads(), clock.instant());
        if (!templates.isEmpty()) {
            // A template may frame any page: every page and listing is written again with it.
            report = report.and(cloud.publisher().publish(catalog, List.of(), clock.instant(),
                    new Publisher.Mode(false, true, false), count -> { }));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (PostException error : report.errors()) {
            errors.add(Map.of("key", error.source(), "line", error.line(), "reason", error.reason()));
        }
        Log.of("publish")
                .with("keys", keys)
                .with("created", report.created())
                .with("updated", report.updated())
                .with("removed", report.removed())
                .with("scheduled", report.scheduled().size())
                .with("errors", errors)
                .with("warnings", report.warnings().stream().map(w -> w.where() + ": " + w.message()).toList())
                .with("written", report.written())
                .with("templates", templates)
                .with("templateProblems", templateProblems)
                .print();
        // The hub fetches the feeds as soon as it is pinged: only once the cache holds them no more.
        cloud.invalidateChanged();
        if (!report.created().isEmpty() || !report.updated().isEmpty() || !report.removed().isEmpty()) {
            webSub.ping(cloud.site());
        }
        JsonObject result = new JsonObject();
        result.addProperty("created", report.created().size());
        result.addProperty("updated", report.updated().size());
        result.addProperty("removed", report.removed().size());
        result.addProperty("errors", report.errors().size());
        if (cloud.config.digest().immediate()) {
            result.add("digest", DigestHandler.startDigest(cloud, clock.instant()));
        }
        Events.write(output, result);
    }

    /** Before SnapStart's snapshot: run the rendering once, so its classes are loaded and compiled in it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(cloud);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
