package dev.gazette.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who sent a request: its source address, or behind the trusted proxy the address the proxy writes. */
class ClientTest {
    private static final String SOURCE = "130.176.0.1";
    private static final Client.Proxy CLOUDFRONT = Client.Proxy.of("CloudFront-Viewer-Address", "the-stack-s-key");

    private static String client(Map<String, String> headers, Client.Proxy proxy) {
        return Client.of(SOURCE, headers, proxy).address();
    }

    @Test
    void withoutAProxyTheClientIsTheSourceWhateverTheHeadersSay() {
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                "X-Forwarded-For", "192.0.2.1", Client.PROXY_KEY_HEADER, "the-stack-s-key"), null));
        assertNull(Client.Proxy.of(null, "the-stack-s-key"), "no header named, no proxy");
        assertNull(Client.Proxy.of(" ", null));
        assertEquals("", Client.of(null, Map.of(), null).address(), "a source not known");
    }

    @Test
    void withTheProxysKeyTheClientIsTheAddressItWrote() {
        assertEquals("203.0.113.10", client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), CLOUDFRONT));
        assertEquals("2001:db8::1", client(Map.of("cloudfront-viewer-address", "2001:db8::1:51234",
                "x-gazette-proxy-key", "the-stack-s-key"), CLOUDFRONT), "IPv6 without brackets, names in any case");
        assertEquals("2001:db8::2", client(Map.of("CloudFront-Viewer-Address", "[2001:db8::2]:443",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), CLOUDFRONT));
    }

    @Test
    void withoutTheKeyOrWithAWrongOneTheHeaderIsNotRead() {
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532"), CLOUDFRONT));
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, "a-guess"), CLOUDFRONT));
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, "the-stack-s-key "), CLOUDFRONT), "the key exactly");
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, ""), CLOUDFRONT));
    }

    @Test
    void aProxyWithoutAKeyIsTrustedForEveryRequest() {
        assertEquals("203.0.113.10", client(Map.of("CloudFront-Viewer-Address", "203.0.113.10:46532"),
                Client.Proxy.of("CloudFront-Viewer-Address", null)));
    }

    @Test
    void aMissingOrEmptyHeaderLeavesTheSource() {
        assertEquals(SOURCE, client(Map.of(Client.PROXY_KEY_HEADER, "the-stack-s-key"), CLOUDFRONT));
        assertEquals(SOURCE, client(Map.of("CloudFront-Viewer-Address", "  ",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), CLOUDFRONT));
    }

    @Test
    void ofSeveralAddressesTheLastIsTheOneTheProxyAdded() {
        assertEquals("203.0.113.10", client(Map.of("CloudFront-Viewer-Address", "192.0.2.1:1, 203.0.113.10:46532",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), CLOUDFRONT));
        Client.Proxy appending = Client.Proxy.of("X-Real-Client", "the-stack-s-key");
        assertEquals("198.51.100.7", client(Map.of("X-Real-Client", "192.0.2.1,192.0.2.2, 198.51.100.7",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), appending));
        assertEquals("2001:db8::7", client(Map.of("X-Real-Client", "192.0.2.1, 2001:db8::7",
                Client.PROXY_KEY_HEADER, "the-stack-s-key"), appending), "a port is CloudFront's header's only");
    }
}
