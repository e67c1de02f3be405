package dev.gazette.web;

import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.SubscriberName;
import dev.gazette.subscriber.Subscriptions;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The subscription endpoints: {@code /subscribe}, {@code /confirm}, {@code /unsubscribe}, and {@code /preferences}
 * ({@link PreferencesPage}). Plain HTTP in, plain HTTP out, so API Gateway and the local server serve the same
 * thing. A request it cannot take gets a 4xx and a page (or JSON) that says why, and changes nothing; the answer to
 * a subscription never tells whether the address was on the list.
 */
public final class SubscriptionApi {
    /** The largest body taken: a form of an address and a name is far smaller. */
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_QUERY = 4 * 1024;
    /** A field humans never see and bots fill in. */
    static final String HONEYPOT = "website";

    private final Subscriptions subscriptions;
    private final Site site;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Captcha captcha;
    private final Answers answers;
    private final PreferencesPage preferences;

    /**
     * @param problems told what went wrong out of the asker's sight, such as a confirmation email the mail service
     *                 did not take, for the operator's log
     */
    public SubscriptionApi(Subscriptions subscriptions, Site site, Templates templates, Clock clock,
                           Consumer<String> problems) {
        this(subscriptions, site, templates, clock, problems, null, null);
    }

    /**
     * @param index   the tags the subscribe form and the preferences page offer as topics; null for a site without it
     * @param captcha what the form asks for to show that a person sends it; null for no CAPTCHA
     */
    public SubscriptionApi(Subscriptions subscriptions, Site site, Templates templates, Clock clock,
                           Consumer<String> problems, PostIndex index, Captcha captcha) {
        this.subscriptions = subscriptions;
        this.site = site;
        this.clock = clock;
        this.problems = problems;
        this.captcha = captcha;
        this.answers = new Answers(site, templates, index, captcha);
        this.preferences = new PreferencesPage(subscriptions, site, clock, answers);
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
                case "/preferences" -> preferences.answer(method, token(request), request, json);
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
                return answers.page(200, "Subscribe to " + site.title(), null, form(endpoint), Map.of());
            }
            case "OPTIONS" -> {
                return new Response(204, cors(request, Map.of("Access-Control-Allow-Methods", "POST",
                        "Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "86400")),
                        new byte[0]);
            }
            case "POST" -> {
                FormBody form = FormBody.read(request);
                Map<String, String> fields = form.fields();
                String typed = fields.getOrDefault("email", "");
                String address = EmailAddress.normalise(typed).orElseThrow(() -> new Refused(400,
                        typed.isBlank() ? "Please give your email address." : "That is not an email address."));
                String name = name(fields.get("name"));
                if (fields.getOrDefault(HONEYPOT, "").isEmpty()) {
                    checkCaptcha(fields, request);
                    // A client past its limit is told what everyone is told, and mailed nothing.
                    Subscriptions.Subscribed subscribed = subscriptions.subscribe(address, name, form.topics(),
                            request.client(), endpoint, clock.instant());
                    if (subscribed == Subscriptions.Subscribed.CONFIRMATION_NOT_SENT) {
                        problems.accept("a confirmation email was not sent; the mail service refused it or failed");
                    }
                }
                String message = "If this address can subscribe, an email to confirm is on its way. Open it and"
                        + " follow the link to start getting " + site.title() + ".";
                Map<String, String> cors = cors(request, Map.of());
                return json ? Answers.json(200, Map.of("status", "check-your-inbox", "message", message), cors)
                        : answers.page(200, "Check your inbox", message, null, cors);
            }
            default -> throw Refused.notAllowed("GET, POST, OPTIONS");
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
            throw Refused.notAllowed("GET");
        }
        String token = token(request);
        return switch (subscriptions.confirm(token, clock.instant())) {
            case CONFIRMED, ALREADY_CONFIRMED -> {
                welcome(token, endpoint);
                yield answers.answer(json, 200, "confirmed", "You are subscribed",
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
                return answers.page(200, "Unsubscribe from " + site.title(),
                        "Stop getting " + site.title() + " by email?",
                        Map.of("action", "/unsubscribe?token=" + token, "button", "Unsubscribe",
                                "hidden", Map.of("name", "List-Unsubscribe", "value", "One-Click")),
                        Map.of());
            }
            case "POST" -> {
                return switch (subscriptions.unsubscribe(token(request), clock.instant())) {
                    case UNSUBSCRIBED, ALREADY_UNSUBSCRIBED -> answers.answer(json, 200, "unsubscribed",
                            "You are unsubscribed", "You will get no more emails from " + site.title() + ".");
                    case INVALID -> throw new Refused(400, "This unsubscribe link is not valid.");
                };
            }
            default -> throw Refused.notAllowed("GET, POST");
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

    private static String token(Request request) throws Refused {
        try {
            return Form.parse(request.query()).getOrDefault("token", "");
        } catch (IllegalArgumentException malformed) {
            throw Refused.unreadable(malformed);
        }
    }

    private static String name(String typed) throws Refused {
        try {
            return SubscriberName.normalise(typed);
        } catch (IllegalArgumentException e) {
            throw Refused.asSentence(e);
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

    private Map<String, Object> form(String endpoint) throws IOException {
        String origin = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        Map<String, Object> form = new LinkedHashMap<>(Map.of("action", origin + "/subscribe", "subscribe", true,
                "honeypot", HONEYPOT));
        Map<String, Object> choices = answers.topicChoices(List.of());
        if (choices != null) {
            form.put("topics", choices);
        }
        if (captcha != null) {
            form.put("captcha", captcha.widget());
        }
        return form;
    }

    private Response refusal(Refused refused, Request request, boolean json) {
        Map<String, String> headers = new LinkedHashMap<>(refused.headers);
        if (request.path().startsWith("/subscribe")) {
            headers.putAll(cors(request, Map.of()));
        }
        return json ? Answers.json(refused.status, Map.of("error", refused.getMessage()), headers)
                : answers.page(refused.status, "Sorry", refused.getMessage(), null, headers);
    }
}
