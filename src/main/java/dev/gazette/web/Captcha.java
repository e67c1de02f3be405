package dev.gazette.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The CAPTCHA the subscribe form asks for, Cloudflare Turnstile or hCaptcha: the form shows the provider's widget,
 * which puts its answer in a field of the form, and the answer is checked with the provider's {@code siteverify}
 * endpoint before anything else is done. Both providers take the same request and give the same answer.
 */
public final class Captcha {
    /** How long the provider has to answer: the person who sent the form is waiting. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Both providers' answers are far shorter; a longer one is not sent on. */
    private static final int MAX_ANSWER = 4096;

    public enum Provider {
        TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify",
                "https://challenges.cloudflare.com/turnstile/v0/api.js", "cf-turnstile", "cf-turnstile-response",
                "https://challenges.cloudflare.com"),
        HCAPTCHA("https://api.hcaptcha.com/siteverify", "https://js.hcaptcha.com/1/api.js", "h-captcha",
                "h-captcha-response", "https://hcaptcha.com https://*.hcaptcha.com");

        final URI verifyUrl;
        final String script;
        final String widget;
        final String field;
        /** The origins its widget loads scripts, frames and styles from, for the page's Content-Security-Policy. */
        final String origins;

        Provider(String verifyUrl, String script, String widget, String field, String origins) {
            this.verifyUrl = URI.create(verifyUrl);
            this.script = script;
            this.widget = widget;
            this.field = field;
            this.origins = origins;
        }

        /** @throws IllegalArgumentException unless {@code turnstile} or {@code hcaptcha} */
        public static Provider named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "turnstile" -> TURNSTILE;
                case "hcaptcha" -> HCAPTCHA;
                default -> throw new IllegalArgumentException("the CAPTCHA is 'turnstile' or 'hcaptcha', not \""
                        + name + "\"");
            };
        }
    }

    /** What the provider said of an answer. */
    public enum Verdict { PASSED, FAILED, UNAVAILABLE }

    private final Provider provider;
    private final String siteKey;
    private final String secret;
    private final URI verifyUrl;
    private final Duration timeout;
    private final HttpClient http;

    /** @param verifyUrl the provider's siteverify endpoint; null for its own */
    public Captcha(Provider provider, String siteKey, String secret, URI verifyUrl) {
        this(provider, siteKey, secret, verifyUrl, TIMEOUT);
    }

    Captcha(Provider provider, String siteKey, String secret, URI verifyUrl, Duration timeout) {
        if (siteKey == null || siteKey.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a CAPTCHA needs both its site key and its secret");
        }
        this.provider = provider;
        this.siteKey = siteKey;
        this.secret = secret;
        this.verifyUrl = verifyUrl == null ? provider.verifyUrl : verifyUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The form field the widget puts its answer in. */
    String field() {
        return provider.field;
    }

    /** What the form's template needs to show the widget. */
    Map<String, String> widget() {
        return Map.of("script", provider.script, "widget", provider.widget, "siteKey", siteKey);
    }

    String origins() {
        return provider.origins;
    }

    /**
     * @param client the sender's IP address, which the provider checks the answer was given from; empty if unknown
     */
    public Verdict verify(String answer, String client) {
        if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER) {
            return Verdict.FAILED;
        }
        String form = Map.of("secret", secret, "response", answer, "remoteip", client == null ? "" : client)
                .entrySet().stream().filter(field -> !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(verifyUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        // The request's own timeout ends with the answer's headers; the whole answer must come within it too.
        CompletableFuture<HttpResponse<String>> answered = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            answered.cancel(true);
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException e) {
            answered.cancel(true);
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
        if (response.statusCode() != 200) {
            return Verdict.UNAVAILABLE;
        }
        try {
            JsonElement success = JsonParser.parseString(response.body()).getAsJsonObject().get("success");
            return success != null && success.isJsonPrimitive() && success.getAsJsonPrimitive().isBoolean()
                    && success.getAsBoolean() ? Verdict.PASSED : Verdict.FAILED;
        } catch (JsonParseException | IllegalStateException e) {
            return Verdict.UNAVAILABLE;
        }
    }
}
