package dev.gazette.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.CatalogIndex;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.WelcomeEmail;
import dev.gazette.web.Client;
import dev.gazette.web.Request;
import dev.gazette.web.Response;
import dev.gazette.web.SubscriptionApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Subscription function, behind the stack's HTTP API: API Gateway's request event in, the endpoints of
 * {@link SubscriptionApi} in between, its response out. A failure of AWS itself answers 503 and is logged; no
 * stack trace ever reaches the reader.
 */
public final class SubscriptionHandler implements RequestStreamHandler, Resource {
    private final Cloud cloud;
    private final Clock clock;
    private final CachedTemplates templates;
    private PostIndex index;
    private SubscriptionApi api;
    /** The templates {@link #api} was made with. */
    private Templates apiTemplates;

    public SubscriptionHandler() {
        this(System.getenv(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    SubscriptionHandler(Map<String, String> env, Clock clock) {
        this.cloud = new Cloud(env);
        this.clock = clock;
        // The writer's templates, uploaded at any time: a minute at most before the endpoints use them.
        this.templates = new CachedTemplates(cloud, Duration.ofMinutes(1), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = Events.read(input);
        Request request = request(event);
        Response response;
        try {
            response = api().handle(request, endpoint());
        } catch (IOException | RuntimeException e) {
            Log.of("subscription").with("method", request.method()).with("path", request.path())
                    .with("outcome", "failed").with("error", String.valueOf(e)).print();
            response = new Response(503, Map.of("Content-Type", "text/plain; charset=utf-8", "Retry-After", "60",
                    "Cache-Control", "no-store"),
                    "The service is not available right now. Please try again in a minute.".getBytes(StandardCharsets.UTF_8));
        }
        Log.of("subscription").with("method", request.method()).with("path", request.path())
                .with("status", response.status()).print();
        Events.write(output, answer(response));
    }

    /** The endpoints, made again with the writer's templates when those changed. */
    private synchronized SubscriptionApi api() {
        Templates current = templates.current();
        if (api == null || current != apiTemplates) {
            if (index == null) {
                // Anyone may ask for the form or a page, and each would read the whole catalog: once a minute at most.
                index = new CatalogIndex(cloud::store, Duration.ofMinutes(1), clock);
            }
            Mailer mailer = cloud.confirmationMailer(clock);
            Subscriptions subscriptions = new Subscriptions(cloud.subscribers(), cloud.tokens(),
                    new ConfirmationEmail(cloud.site(), current, cloud.tokens(), cloud.from()), mailer,
                    new WelcomeEmail(cloud.site(), current, cloud.tokens(), cloud.from(), index,
                            cloud.welcomePosts()), cloud.clientLimit());
            api = new SubscriptionApi(subscriptions, cloud.site(), current, clock,
                    problem -> Log.of("subscription").with("outcome", "problem").with("problem", problem).print(),
                    index, cloud.captcha());
            apiTemplates = current;
        }
        return api;
    }

    /**
     * The endpoints' origin, for the links in confirmation emails and forms: the one configured, else the site's,
     * where CloudFront routes the endpoints. Never the API's own host, which a re-created stack would change.
     */
    private String endpoint() {
        return cloud.settled().mail().endpoint();
    }

    /** API Gateway's HTTP API event, version 2.0; a header or field of another shape is left out. */
    private Request request(JsonObject event) {
        JsonObject http = Events.object(Events.object(event, "requestContext"), "http");
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, JsonElement> header : Events.object(event, "headers").entrySet()) {
            String value = Events.text(header.getValue());
            if (value != null) {
                headers.put(header.getKey(), value);
            }
        }
        byte[] body = new byte[0];
        String raw = Events.text(event, "body");
        if (raw != null) {
            boolean base64 = "true".equals(Events.text(event, "isBase64Encoded"));
            body = base64 ? decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        }
        return new Request(orElse(Events.text(http, "method"), "GET"), orElse(Events.text(event, "rawPath"), "/"),
                Events.text(event, "rawQueryString"), headers, body, client(http, headers));
    }

    /**
     * Who sent the request: the address API Gateway saw it come from, or behind the proxy the stack trusts, the
     * header that proxy writes ({@link Config#CLIENT_IP_HEADER}) on a request with its key ({@link Config#PROXY_KEY}).
     */
    private String client(JsonObject http, Map<String, String> headers) {
        Client.Proxy proxy = Client.Proxy.of(cloud.variable(Config.CLIENT_IP_HEADER), cloud.variable(Config.PROXY_KEY));
        return Client.of(Events.text(http, "sourceIp"), headers, proxy).address();
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // Not what API Gateway sends; the endpoints refuse an empty body with a 400.
            return new byte[0];
        }
    }

    private static JsonObject answer(Response response) {
        JsonObject answer = new JsonObject();
        answer.addProperty("statusCode", response.status());
        JsonObject headers = new JsonObject();
        response.headers().forEach(headers::addProperty);
        answer.add("headers", headers);
        answer.addProperty("body", response.text());
        answer.addProperty("isBase64Encoded", false);
        return answer;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(cloud);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
