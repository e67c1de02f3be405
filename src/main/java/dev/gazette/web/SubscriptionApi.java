package dev.gazette.web;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.SubscriberName;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The subscription endpoints: {@code /subscribe}, {@code /confirm}, {@code /unsubscribe}, {@code /preferences}. Plain HTTP in, plain
 * HTTP out, so API Gateway and the local server serve the same thing. A request it cannot take gets a 4xx and a
 * page (or JSON) that says why, and changes nothing; the answer to a subscription never tells whether the address
 * was on the list.
 */
public final class SubscriptionApi {
    /** The largest body taken: a form of an address and a name is far smaller. */
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_QUERY = 4 * 1024;
    /** A field humans never see and bots fill in. */
    static final String HONEYPOT = "website";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Gson GSON = new Gson();

    private final Subscriptions subscriptions;
    private final Site site;
    private final Templates templates;
    private final Clock clock;
    private final Consumer<String> problems;
    private final PostIndex index;
    private final Captcha captcha;

    /**
     * @param problems told what went wrong out of the asker's sight, such as a confirmation email the mail service
     *                 did not take, for the operator's log
     */
    public SubscriptionApi(Subscriptions subscriptions, Site site, Templates templates, Clock clock,
                           Consumer<String> problems) {
        this(subscriptions, site, templates, clock, problems, null, null);
    }

    /**
     * @param index   the tags the preferences page offers as topics; null for a site without it
     * @param captcha what the form asks for to show that a person sends it; null for no CAPTCHA
     */
    public SubscriptionApi(Subscriptions subscriptions, Site site, Templates templates, Clock clock,
                           Consumer<String> problems, PostIndex index, Captcha captcha) {
        this.subscriptions = subscriptions;
        this.site = site;
        this.templates = templates;
        this.clock = clock;
        this.problems = problems;
        this.index = index;
        this.captcha = captcha;
    }

    /** What the request may not do; its message is shown to the person who sent it. */
    private static final class Refused extends Exception {
        private final int status;
        private final Map<String, String> headers;

        Refused(int status, String message) {
            this(status, message, Map.of());
        }

        Refused(int status, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.headers = headers;
        }
    }

    /**
     * @param endpoint the origin the endpoints are served at, for the links in confirmation emails and forms:
     *                 {@code https://example.com}
     */
    public Response handle(Request request, String endpoint) throws IOException {
        boolean json = wantsJson(request);
        try {
            if (request.query().length() > MAX_QUERY) {
                throw new Refused(414, "The address of this request is too long.");
            }
            if (request.body().length > MAX_BODY) {
                throw new Refused(413, "The request is too large.");
            }
            String path = request.path().length() > 1 && request.path().endsWith("/")
                    ? request.path().substring(0, request.path().length() - 1) : request.path();
            String method = request.method().toUpperCase(Locale.ROOT);
            return switch (path) {
                case "/subscribe" -> subscribe(method, request, endpoint, json);
                case "/confirm" -> confirm(method, request, endpoint, json);
                case "/unsubscribe" -> unsubscribe(method, request, json);
                case "/preferences" -> preferences(method, request, json);
                default -> throw new Refused(404, "There is nothing here.");
            };
        } catch (Refused refused) {
            return refusal(refused, request, json);
        }
    }

    private Response subscribe(String method, Request request, String endpoint, boolean json)
            throws Refused, IOException {
        switch (method) {
            case "GET", "HEAD" -> {
                return page(200, "Subscribe to " + site.title(), null, form(endpoint), Map.of());
            }
            case "OPTIONS" -> {
                return new Response(204, cors(request, Map.of("Access-Control-Allow-Methods", "POST",
                        "Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "86400")),
                        new byte[0]);
            }
            case "POST" -> {
                Map<String, String> fields = fields(request);
                String typed = fields.getOrDefault("email", "");
                String address = EmailAddress.normalise(typed).orElseThrow(() -> new Refused(400,
                        typed.isBlank() ? "Please give your email address." : "That is not an email address."));
                String name = name(fields.get("name"));
                List<String> topics = topics(request);
                if (fields.getOrDefault(HONEYPOT, "").isEmpty()) {
                    checkCaptcha(fields, request);
                    // A client past its limit is told what everyone is told, and mailed nothing.
                    if (subscriptions.subscribe(address, name, topics, request.client(), endpoint, clock.instant())
                            == Subscriptions.Subscribed.CONFIRMATION_NOT_SENT) {
                        problems.accept("a confirmation email was not sent; the mail service refused it or failed");
                    }
                }
                String message = "If this address can subscribe, an email to confirm is on its way. Open it and"
                        + " follow the link to start getting " + site.title() + ".";
                Map<String, String> cors = cors(request, Map.of());
                return json ? json(200, Map.of("status", "check-your-inbox", "message", message), cors)
                        : page(200, "Check your inbox", message, null, cors);
            }
            default -> throw notAllowed("GET, POST, OPTIONS");
        }
    }

    private void checkCaptcha(Map<String, String> fields, Request request) throws Refused {
        if (captcha == null) {
            return;
        }
        switch (captcha.verify(fields.get(captcha.field()), request.client())) {
            case PASSED -> {
            }
            case FAILED -> throw new Refused(400, "Please complete the check that you are a person, then send the"
                    + " form again.");
            case UNAVAILABLE -> throw new Refused(503, "The check that you are a person cannot be made right now."
                    + " Please try again in a minute.", Map.of("Retry-After", "60"));
        }
    }

    private Response confirm(String method, Request request, String endpoint, boolean json)
            throws Refused, IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw notAllowed("GET");
        }
        String token = token(request);
        return switch (subscriptions.confirm(token, clock.instant())) {
            case CONFIRMED, ALREADY_CONFIRMED -> {
                welcome(token, endpoint);
                yield answer(json, 200, "confirmed", "You are subscribed",
                        "Thank you! You will get " + site.title() + " by email from the next post on.");
            }
            case EXPIRED -> throw new Refused(410, "This link has expired. Subscribe again to get a new one.");
            case INVALID -> throw new Refused(400, "This link is not valid. Subscribe again to get a new one.");
            case NOT_PENDING -> throw new Refused(409, "There is no subscription to confirm for this link."
                    + " Subscribe again if you want " + site.title() + " by email.");
        };
    }

    private Response unsubscribe(String method, Request request, boolean json) throws Refused, IOException {
        switch (method) {
            case "GET", "HEAD" -> {
                String token = token(request);
                if (token.isEmpty()) {
                    throw new Refused(400, "This link is not valid.");
                }
                // Mail scanners follow links: a GET only asks, the button's POST does it.
                return page(200, "Unsubscribe from " + site.title(),
                        "Stop getting " + site.title() + " by email?",
                        Map.of("action", "/unsubscribe?token=" + token, "button", "Unsubscribe",
                                "hidden", Map.of("name", "List-Unsubscribe", "value", "One-Click")),
                        Map.of());
            }
            case "POST" -> {
                return switch (subscriptions.unsubscribe(token(request), clock.instant())) {
                    case UNSUBSCRIBED, ALREADY_UNSUBSCRIBED -> answer(json, 200, "unsubscribed", "You are unsubscribed",
                            "You will get no more emails from " + site.title() + ".");
                    case INVALID -> throw new Refused(400, "This unsubscribe link is not valid.");
                };
            }
            default -> throw notAllowed("GET, POST");
        }
    }

    /** Welcomes a reader just confirmed; a welcome that fails is the operator's to know, never the reader's. */
    private void welcome(String token, String endpoint) {
        try {
            if (subscriptions.welcome(token, endpoint, clock.instant()) == Subscriptions.Welcomed.NOT_SENT) {
                problems.accept("a welcome email was not sent; the mail service refused it or failed");
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.accept("a welcome email was not sent: " + e.getMessage());
        }
    }

    /**
     * The preferences page: GET shows the reader's topics and changes nothing, since mail scanners follow links;
     * the form's POST sets them.
     */
    private Response preferences(String method, Request request, boolean json) throws Refused, IOException {
        String token = token(request);
        // One time for the request: a link that expires between two checks of it must not pass one and fail the other.
        Instant now = clock.instant();
        switch (method) {
            case "GET", "HEAD" -> {
                Subscriptions.Preferences.Shown shown = shown(subscriptions.preferences(token, now));
                if (!shown.subscribed()) {
                    throw notSubscribed();
                }
                return preferencesPage(token, shown.topics(), null, now);
            }
            case "POST" -> {
                // Read whole first: a body that is neither a form nor a JSON object is refused, as on /subscribe.
                fields(request);
                List<String> topics = topics(request);
                return switch (subscriptions.changeTopics(token, topics, now)) {
                    case CHANGED -> json ? json(200, Map.of("status", "saved", "message", saved(topics)), Map.of())
                            : preferencesPage(token, topics, saved(topics), now);
                    case NOT_SUBSCRIBED -> throw notSubscribed();
                    case EXPIRED -> throw expiredPreferences();
                    case INVALID -> throw invalidPreferences();
                };
            }
            default -> throw notAllowed("GET, POST");
        }
    }

    private static Subscriptions.Preferences.Shown shown(Subscriptions.Preferences preferences) throws Refused {
        if (preferences instanceof Subscriptions.Preferences.Shown shown) {
            return shown;
        }
        throw preferences instanceof Subscriptions.Preferences.Expired ? expiredPreferences() : invalidPreferences();
    }

    private static Refused expiredPreferences() {
        return new Refused(410, "This link has expired. Every new email has a fresh one.");
    }

    private static Refused invalidPreferences() {
        return new Refused(400, "This link is not valid. Use the one at the end of your latest email.");
    }

    private Refused notSubscribed() {
        return new Refused(409, "This address gets no emails from " + site.title() + " now. Subscribe again to"
                + " choose what you get.");
    }

    private String saved(List<String> topics) {
        return topics.isEmpty() ? "Saved. You will get every post of " + site.title() + "."
                : "Saved. You will get the posts about " + String.join(", ", topics) + ".";
    }

    /**
     * The site's tags as checkboxes, those in {@code topics} ticked, with any topic the reader has that no post
     * carries now; null when there is nothing to choose from.
     */
    private Map<String, Object> topicChoices(List<String> topics) throws IOException {
        Map<String, String> offered = new LinkedHashMap<>();
        for (String tag : index == null ? List.<String>of() : index.tags()) {
            offered.put(Topics.normalise(List.of(tag)).get(0), tag);
        }
        topics.forEach(topic -> offered.putIfAbsent(topic, Topics.name(topic)));
        if (offered.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> choices = offered.entrySet().stream()
                .map(choice -> Map.<String, Object>of("value", choice.getValue(), "label", choice.getValue(),
                        "checked", topics.contains(choice.getKey())))
                .toList();
        return Map.of("choices", choices);
    }

    /** The reader's topics to change, and a button to leave. */
    private Response preferencesPage(String token, List<String> topics, String message, Instant now)
            throws IOException {
        Map<String, Object> choices = topicChoices(topics);
        // A site without tags has nothing to choose: only the button to leave.
        Map<String, Object> form = choices == null ? null
                : Map.of("action", "/preferences?token=" + token, "topics", choices, "button", "Save");
        Map<String, Object> leave = Map.of("action", "/unsubscribe?token="
                + subscriptions.unsubscribeToken(token, now).orElseThrow());
        return page(200, "Your subscription to " + site.title(), message, form, Map.of(), leave);
    }

    /** The topics a form or JSON body asks for, under {@code topic}, as stored. */
    private static List<String> topics(Request request) throws Refused {
        List<String> typed;
        try {
            typed = request.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/json")
                    ? jsonTopics(Form.utf8(request.body()))
                    : Form.values(Form.utf8(request.body()).strip(), "topic");
            return Topics.normalise(typed);
        } catch (IllegalArgumentException bad) {
            throw new Refused(400, Character.toUpperCase(bad.getMessage().charAt(0)) + bad.getMessage().substring(1)
                    + ".");
        }
    }

    /** {@code "topic"} of a JSON body: one text or a list of texts. */
    private static List<String> jsonTopics(String body) throws Refused {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new Refused(400, "The request is not valid JSON.");
        }
        JsonElement topic = parsed.isJsonObject() ? parsed.getAsJsonObject().get("topic") : null;
        if (topic == null || topic.isJsonNull()) {
            return List.of();
        }
        List<String> topics = new ArrayList<>();
        for (JsonElement one : topic.isJsonArray() ? topic.getAsJsonArray().asList() : List.of(topic)) {
            if (!one.isJsonPrimitive() || !one.getAsJsonPrimitive().isString()) {
                throw new Refused(400, "'topic' must be text or a list of texts.");
            }
            topics.add(one.getAsString());
        }
        return topics;
    }

    private static String token(Request request) throws Refused {
        try {
            return Form.parse(request.query()).getOrDefault("token", "");
        } catch (IllegalArgumentException malformed) {
            throw unreadable(malformed);
        }
    }

    /** The form's fields, from a URL-encoded or a JSON body. */
    private static Map<String, String> fields(Request request) throws Refused {
        String type = request.header("content-type").toLowerCase(Locale.ROOT);
        String body;
        try {
            body = Form.utf8(request.body());
            if (type.startsWith("application/x-www-form-urlencoded") || type.isEmpty()) {
                return Form.parse(body.strip());
            }
        } catch (IllegalArgumentException malformed) {
            throw unreadable(malformed);
        }
        if (type.startsWith("application/json")) {
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(body);
            } catch (JsonParseException e) {
                throw new Refused(400, "The request is not valid JSON.");
            }
            if (!parsed.isJsonObject()) {
                throw new Refused(400, "The request must be a JSON object such as {\"email\": \"ada@example.com\"}.");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> field : parsed.getAsJsonObject().entrySet()) {
                JsonElement value = field.getValue();
                if (value.isJsonNull() || field.getKey().equals("topic")) {
                    // Topics may be a list: read by topics().
                    continue;
                }
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                    throw new Refused(400, "'" + field.getKey() + "' must be text.");
                }
                fields.put(field.getKey(), value.getAsString());
            }
            return fields;
        }
        throw new Refused(415, "Send the form as application/x-www-form-urlencoded or application/json.");
    }

    /**
     * A query or body that {@link Form} cannot read. Only the parsing is caught this way: any other
     * IllegalArgumentException, such as a broken template's, is the service's fault and no answer to the request.
     */
    private static Refused unreadable(IllegalArgumentException malformed) {
        return new Refused(400, "The request could not be read: " + malformed.getMessage());
    }

    private static String name(String typed) throws Refused {
        try {
            return SubscriberName.normalise(typed);
        } catch (IllegalArgumentException e) {
            // As a sentence: "The name can be at most 100 characters long."
            throw new Refused(400, Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".");
        }
    }

    private static boolean wantsJson(Request request) {
        return request.header("accept").contains("application/json")
                || request.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** CORS for the site's own pages, which post the form from another origin than the endpoints'. */
    private Map<String, String> cors(Request request, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (request.header("origin").equals(site.origin())) {
            headers.put("Access-Control-Allow-Origin", site.origin());
        }
        headers.put("Vary", "Origin");
        return headers;
    }

    private static Refused notAllowed(String allowed) {
        return new Refused(405, "This address does not take that kind of request.", Map.of("Allow", allowed));
    }

    private Map<String, Object> form(String endpoint) throws IOException {
        String origin = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        Map<String, Object> form = new LinkedHashMap<>(Map.of("action", origin + "/subscribe", "subscribe", true,
                "honeypot", HONEYPOT));
        Map<String, Object> choices = topicChoices(List.of());
        if (choices != null) {
            form.put("topics", choices);
        }
        if (captcha != null) {
            form.put("captcha", captcha.widget());
        }
        return form;
    }

    private Response answer(boolean json, int status, String code, String title, String message) {
        return json ? json(status, Map.of("status", code, "message", message), Map.of())
                : page(status, title, message, null, Map.of());
    }

    private Response refusal(Refused refused, Request request, boolean json) {
        Map<String, String> headers = new LinkedHashMap<>(refused.headers);
        if (request.path().startsWith("/subscribe")) {
            headers.putAll(cors(request, Map.of()));
        }
        return json ? json(refused.status, Map.of("error", refused.getMessage()), headers)
                : page(refused.status, "Sorry", refused.getMessage(), null, headers);
    }

    private Response page(int status, String title, String message, Object form, Map<String, String> headers) {
        return page(status, title, message, form, headers, null);
    }

    /** @param leave the unsubscribe button's form, under the page's own; null for none */
    private Response page(int status, String title, String message, Object form, Map<String, String> headers,
                          Object leave) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (leave != null) {
            context.put("leave", leave);
        }
        context.put("site", Map.of("title", site.title(), "url", site.url().toString(), "language", site.language()));
        context.put("title", title);
        context.put("message", Optional.ofNullable(message).orElse(""));
        if (form != null) {
            context.put("form", form);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        // The CAPTCHA's widget is a script of its provider's, which shows a frame and styles of theirs.
        boolean widget = form instanceof Map<?, ?> fields && fields.containsKey("captcha");
        String origins = widget ? " " + captcha.origins() : "";
        all.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'" + origins
                + "; form-action 'self' " + site.origin() + "; frame-ancestors 'none'; base-uri 'none'"
                + (widget ? "; script-src" + origins + "; frame-src" + origins + "; connect-src" + origins : ""));
        return Response.of(status, HTML, templates.render("page.html", context), all);
    }

    private static Response json(int status, Map<String, String> fields, Map<String, String> headers) {
        JsonObject body = new JsonObject();
        fields.forEach(body::addProperty);
        return Response.of(status, JSON, GSON.toJson(body), headers);
    }
}
