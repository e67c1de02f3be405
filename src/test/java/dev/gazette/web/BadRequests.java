package dev.gazette.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.provider.Arguments;

/** What the endpoints' tables of bad requests share: how a row is written, and what every refusal looks like. */
final class BadRequests {
    static final String FORM = "application/x-www-form-urlencoded";

    private BadRequests() {
    }

    static Arguments bad(String method, String path, String query, String contentType, String body) {
        return Arguments.of(method, path, query, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A 4xx that says why, as a page, or as JSON to a script that sent JSON: never a stack trace. */
    static void assertRefused(Response response, String method, String contentType) {
        assertTrue(response.status() >= 400 && response.status() < 500, "status " + response.status());
        assertFalse(response.text().contains("Exception"), response.text());
        assertFalse(response.text().contains("at dev.gazette"), response.text());
        assertTrue(response.text().contains(method.equals("GET") || !"application/json".equals(contentType)
                ? "Sorry" : "\"error\""), response.text());
    }

    /** {@code token} with its address changed and its key id and signature kept, as someone editing a link would. */
    static String readdressed(String token, String address) {
        int signature = token.lastIndexOf('.');
        int payload = token.lastIndexOf('.', signature - 1) + 1;
        String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(payload, signature)),
                StandardCharsets.UTF_8).split("\n");
        parts[1] = address;
        return token.substring(0, payload) + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)) + token.substring(signature);
    }
}
