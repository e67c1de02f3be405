package dev.gazette.lambda;

import com.google.gson.JsonObject;
import dev.gazette.aws.DynamoSiteUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The stack's {@code SiteUrlSetting}, a CloudFormation custom resource that the Publish function serves: made after
 * the CloudFront distribution, it writes the distribution's URL into the table, where every function reads it at
 * first use (see {@link Cloud#site()}). So the functions need not depend on the distribution, which depends on them
 * through the API it routes the endpoints to. CloudFormation waits for the answer, put to a pre-signed URL: every
 * event gets one, a failure included, or the deploy would hang for an hour.
 */
final class SiteUrlResource {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** One resource: the site's URL, in one item of the table. */
    private static final String ID = "gazette-site-url";

    private SiteUrlResource() {
    }

    /** Whether an event is CloudFormation's, for a custom resource. */
    static boolean is(JsonObject event) {
        return Events.text(event, "RequestType") != null && Events.text(event, "ResponseURL") != null;
    }

    static void handle(JsonObject event, DynamoSiteUrl siteUrls) throws IOException {
        String type = Events.text(event, "RequestType");
        String url = Events.text(Events.object(event, "ResourceProperties"), "SiteUrl");
        Log log = Log.of("site-url").with("request", type).with("url", url);
        JsonObject answer = new JsonObject();
        try {
            if (!"Delete".equals(type)) {
                siteUrls.write(checked(url));
            }
            answer.addProperty("Status", "SUCCESS");
        } catch (RuntimeException e) {
            answer.addProperty("Status", "FAILED");
            answer.addProperty("Reason", String.valueOf(e.getMessage()));
            log.with("error", String.valueOf(e.getMessage()));
        }
        answer.addProperty("PhysicalResourceId", ID);
        for (String field : new String[] {"StackId", "RequestId", "LogicalResourceId"}) {
            answer.addProperty(field, Events.text(event, field));
        }
        log.with("outcome", answer.get("Status").getAsString()).with("status", respond(event, answer)).print();
    }

    /** The site's URL as the template gives it: {@code https://host/}. */
    private static URI checked(String url) {
        if (url == null || !url.matches("https://[^/\\s]+/")) {
            throw new IllegalArgumentException("SiteUrl must be https://host/, not " + url);
        }
        return URI.create(url);
    }

    /** Puts the answer to CloudFormation's pre-signed URL, which takes no content type. */
    private static int respond(JsonObject event, JsonObject answer) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Events.text(event, "ResponseURL")))
                .timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofString(answer.toString()))
                .build();
        try {
            return HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering CloudFormation", e);
        }
    }
}
