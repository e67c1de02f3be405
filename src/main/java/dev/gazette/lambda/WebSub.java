package dev.gazette.lambda;

import dev.gazette.feed.FeedFormat;
import dev.gazette.site.Site;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells a WebSub hub that the feeds changed, so the readers subscribed there fetch them within seconds. A hub that
 * does not answer delays nobody: readers still poll the feeds.
 */
final class WebSub {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String hub;
    private final HttpClient http;

    /** @param hub the hub's URL; empty for none */
    WebSub(String hub) {
        this.hub = hub;
        this.http = hub.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    void ping(Site site) {
        if (hub.isEmpty()) {
            return;
        }
        for (FeedFormat format : FeedFormat.ALL) {
            String feed = site.link(format.fileName());
            HttpRequest request = HttpRequest.newBuilder(URI.create(hub))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("hub.mode=publish&hub.url="
                            + URLEncoder.encode(feed, StandardCharsets.UTF_8)))
                    .build();
            Log log = Log.of("websub").with("hub", hub).with("feed", feed);
            try {
                log.with("status", http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                log.with("error", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.with("error", "interrupted");
            }
            log.print();
        }
    }
}
