package dev.gazette.subscriber;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How many confirmation emails one client may cause in a clock hour, so that one machine cannot mail a list of
 * strangers through the form however many addresses it types. A client is its IP address, or for IPv6 its /64
 * network, which one household or server holds whole. Counted under a hash of the client and the hour, so no
 * address is kept as it is, and forgotten an hour after its hour ends.
 */
public final class ClientLimit {
    /** A household or an office behind one address subscribing its people, and no more. */
    public static final int DEFAULT_PER_HOUR = 10;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Counts, keeping each count until a given time; the table or the memory. */
    public interface Counter {
        /** Adds one to the count of {@code key}, kept until {@code expires}, and returns the count now. */
        long increment(String key, Instant expires) throws IOException;
    }

    private final Counter counter;
    private final int perHour;

    public ClientLimit(Counter counter, int perHour) {
        if (perHour < 1) {
            throw new IllegalArgumentException("the limit of confirmations per client an hour must be 1 or more, not "
                    + perHour);
        }
        this.counter = counter;
        this.perHour = perHour;
    }

    /** Counts one confirmation for {@code client} and says whether it is within the limit. */
    public boolean allows(String client, Instant now) throws IOException {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        return counter.increment(key(client) + "#" + hour.getEpochSecond(), hour.plus(Duration.ofHours(2)))
                <= perHour;
    }

    /** The hash the client is counted under: its IPv6 /64, else the text as given, such as an IPv4 address. */
    static String key(String client) {
        String who = client == null || client.isBlank() ? "unknown" : client.strip();
        if (IP_LITERAL.matcher(who).matches() && who.contains(":")) {
            try {
                // An IPv6 literal only (checked above), so no name is looked up. One mapping an IPv4 address is it.
                InetAddress address = InetAddress.getByName(who);
                who = address.getAddress().length == 4 ? address.getHostAddress()
                        : HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "/64";
            } catch (UnknownHostException e) {
                // Not an address after all: counted as the text it is.
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
