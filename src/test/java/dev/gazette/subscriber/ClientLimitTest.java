package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.ClientCounts;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientLimitTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:10:00Z");

    @Test
    void aClientGetsItsLimitInAnHourAndAgainTheNextHour() throws IOException {
        ClientLimit limit = new ClientLimit(new ClientCounts(), 2);
        assertTrue(limit.allows("203.0.113.10", NOW));
        assertTrue(limit.allows("203.0.113.10", NOW.plusSeconds(60)));
        assertFalse(limit.allows("203.0.113.10", NOW.plusSeconds(120)));
        assertTrue(limit.allows("203.0.113.11", NOW.plusSeconds(120)), "another client");
        assertTrue(limit.allows("203.0.113.10", Instant.parse("2024-05-10T13:00:00Z")), "the next hour");
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4MappedAddressIsTheIpv4One() {
        assertEquals(ClientLimit.key("2001:db8:1:2::1"), ClientLimit.key("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        assertEquals(ClientLimit.key("2001:db8:1:2::1"), ClientLimit.key("2001:DB8:1:2:0:0:0:9"));
        assertNotEquals(ClientLimit.key("2001:db8:1:2::1"), ClientLimit.key("2001:db8:1:3::1"));
        assertEquals(ClientLimit.key("203.0.113.10"), ClientLimit.key("::ffff:203.0.113.10"));
        assertNotEquals(ClientLimit.key("203.0.113.10"), ClientLimit.key("203.0.113.11"));
        assertFalse(ClientLimit.key("203.0.113.10").contains("203"), "no address kept as it is");
    }

    @Test
    void anUnknownClientIsOneClient() {
        assertEquals(ClientLimit.key(""), ClientLimit.key(null));
    }
}
