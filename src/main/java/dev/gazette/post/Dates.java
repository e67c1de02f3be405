package dev.gazette.post;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/** Front matter dates as Jekyll, Hugo and Astro writers type them. */
final class Dates {
    /** {@code 2024-05-01 10:00}, {@code 2024-05-01T10:00:00.5+02:00}, {@code 2024-05-01 10:00:00 +0200}, … */
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    /** RFC 822 with a named zone ({@code EST}, {@code PDT}), which RFC 1123's formatter does not take. */
    private static final DateTimeFormatter RFC_822_NAMED_ZONE =
            DateTimeFormatter.ofPattern("[EEE, ]d MMM uuuu HH:mm[:ss] z", Locale.ENGLISH);

    /** {@code Jul 08 2022} or {@code July 8, 2022}, as Astro's blog template writes {@code pubDate}. */
    private static final DateTimeFormatter MONTH_NAME_DAY =
            DateTimeFormatter.ofPattern("[MMMM][MMM] d[,] uuuu", Locale.ENGLISH);

    private static final Pattern DAY_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Dates the three feeds write alike: RSS's dates go through {@code java.util.Date}, whose calendar is Julian
     * before 1582, and RFC 3339 (Atom, JSON Feed) has four-digit years.
     */
    private static final Instant FIRST = Instant.parse("1899-12-31T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-30T00:00:00Z");
    static final String RANGE = "outside the years 1900 to 9999 that feeds can carry";

    private Dates() {
    }

    static boolean inRange(Instant date) {
        return !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    /** The instant {@code value} names; a date or time without a zone is read in {@code zone}. */
    static Instant parse(Object value, ZoneId zone) {
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.atZone(zone).toInstant();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(zone).toInstant();
        }
        if (value instanceof String text) {
            return parse(text.strip(), zone);
        }
        throw new DateTimeParseException("not a date", String.valueOf(value), 0);
    }

    private static Instant parse(String text, ZoneId zone) {
        if (text.isEmpty()) {
            throw new DateTimeParseException("empty", text, 0);
        }
        if (DAY_ONLY.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
        if (text.length() > 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-') {
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime dateTime
                    ? dateTime.toInstant()
                    : ((LocalDateTime) parsed).atZone(zone).toInstant();
        }
        if (Character.isLetter(text.charAt(0)) && text.indexOf(':') < 0) {
            return LocalDate.parse(text, MONTH_NAME_DAY).atStartOfDay(zone).toInstant();
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return ZonedDateTime.parse(text, RFC_822_NAMED_ZONE).toInstant();
        }
    }
}
