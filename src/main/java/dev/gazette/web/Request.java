package dev.gazette.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the endpoints see it, whoever received it: API Gateway or the local server.
 *
 * @param query   the raw query string, without {@code ?}; empty for none
 * @param headers by lower-case name
 * @param body    the body's bytes, as they came
 * @param client  who sent it, as far as the receiver can tell ({@link Client}): the IP address the request came
 *                from; empty when unknown. Never a header a client writes itself
 */
public record Request(String method, String path, String query, Map<String, String> headers, byte[] body,
                      String client) {

    /** A request from a client not known. */
    public Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        this(method, path, query, headers, body, "");
    }

    public Request {
        query = query == null ? "" : query;
        body = body == null ? new byte[0] : body;
        client = client == null ? "" : client;
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Map.copyOf(lower);
    }

    /**
     * The path with its percent escapes decoded, strictly.
     *
     * @throws IllegalArgumentException when an escape is broken or the bytes are not UTF-8
     */
    public String decodedPath() {
        return Form.decodePath(path);
    }

    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
}
