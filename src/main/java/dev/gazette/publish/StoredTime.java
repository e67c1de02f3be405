package dev.gazette.publish;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A time as the stores keep it: as {@link Instant#toString()} writes one. Those in whole seconds, as almost all are,
 * are read without the formatter, whose machinery was most of what opening a large catalog took in a fresh process
 * or a cold function; the rest, and anything not a time, go to {@link Instant#parse}.
 */
public final class StoredTime {
    /** Where {@code 2024-05-01T09:00:00Z} has its digits. */
    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

    private StoredTime() {
    }

    /** @throws java.time.DateTimeException when the text is no time, or no day of the calendar */
    public static Instant parse(String text) {
        if (!wholeSeconds(text)) {
            return Instant.parse(text);
        }
        return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
                number(text, 14, 16), number(text, 17, 19)).toInstant(ZoneOffset.UTC);
    }

    private static boolean wholeSeconds(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return false;
        }
        for (int at : DIGITS) {
            if (text.charAt(at) < '0' || text.charAt(at) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            number = number * 10 + text.charAt(i) - '0';
        }
        return number;
    }
}
