package dev.gazette.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Who sent a request, as far as the receiver can tell, for the limit per client and the CAPTCHA: the address the
 * request came from, or, behind a proxy the receiver trusts, the address that proxy writes in a header. A header is
 * read only from a request that carries the proxy's key, since anyone may send one straight to the receiver with a
 * header of their own making. X-Forwarded-For is never a proxy's header here: a client writes what it likes there.
 *
 * @param address an IP address; empty when unknown
 */
public record Client(String address) {
    /** The header the proxy puts its key in. */
    public static final String PROXY_KEY_HEADER = "X-Gazette-Proxy-Key";

    public Client {
        address = address == null ? "" : address.strip();
    }

    /**
     * A proxy in front of the receiver.
     *
     * @param header the header it writes the client's address in, such as {@code CloudFront-Viewer-Address}
     *               ({@code address:port})
     * @param key    what it adds to each request in {@link #PROXY_KEY_HEADER}; null to take every request as the
     *               proxy's
     */
    public record Proxy(String header, String key) {
        /** The proxy, or null for none when no header is named. */
        public static Proxy of(String header, String key) {
            return header == null || header.isBlank() ? null : new Proxy(header.strip(), key);
        }

        /** Whether the request came through the proxy: it carries the key, which is compared in constant time. */
        boolean passed(Map<String, String> headers) {
            return key == null || MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                    valueOf(headers, PROXY_KEY_HEADER).getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The address the proxy wrote; empty when none. Where the header holds several, as when it was sent twice
         * and joined with commas, the last one, which the proxy added after any the client wrote.
         */
        String written(Map<String, String> headers) {
            String value = valueOf(headers, header);
            String last = value.substring(value.lastIndexOf(',') + 1).strip();
            if (header.equalsIgnoreCase("CloudFront-Viewer-Address") && last.lastIndexOf(':') > 0) {
                last = last.substring(0, last.lastIndexOf(':'));
            }
            return last.startsWith("[") && last.endsWith("]") ? last.substring(1, last.length() - 1) : last;
        }
    }

    /**
     * @param source  the address the request came from
     * @param headers the request's headers, under names in any case
     * @param proxy   the proxy the receiver trusts; null for none
     */
    public static Client of(String source, Map<String, String> headers, Proxy proxy) {
        if (proxy == null || !proxy.passed(headers)) {
            return new Client(source);
        }
        String written = proxy.written(headers);
        return new Client(written.isEmpty() ? source : written);
    }

    private static String valueOf(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}
