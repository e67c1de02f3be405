package dev.gazette.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response, for API Gateway or the local server to send. */
public record Response(int status, Map<String, String> headers, byte[] body) {

    public Response {
        headers = Map.copyOf(headers);
    }

    static Response of(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        // Links carry tokens: keep them out of caches and out of Referer headers.
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
