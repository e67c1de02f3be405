package dev.gazette.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A subscriber list as CSV with the header {@code email,name} ({@code name} optional). */
public final class SubscriberCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).build();

    /**
     * The readable rows, and a problem for each row that is not: {@code subscribers.csv:4: not an email address: "bob@"},
     * with the line the row ends on.
     */
    public record Result(List<Subscriber> subscribers, List<String> problems) {
        public Result {
            subscribers = List.copyOf(subscribers);
            problems = List.copyOf(problems);
        }
    }

    private SubscriberCsv() {
    }

    /** @param name the file's name, for problems */
    public static Result read(String name, Reader csv) throws IOException {
        List<Subscriber> subscribers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringWriter whole = new StringWriter();
        csv.transferTo(whole);
        String text = whole.toString();
        // The parser counts a line at its line break: the last row needs one too.
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            if (!parser.getHeaderMap().containsKey("email")) {
                throw new IOException(name + ":1: the first line must be the header email,name");
            }
            Map<String, Long> seen = new HashMap<>();
            for (CSVRecord row : parser) {
                // The parser's line counts blank lines and line breaks in quoted fields, as a count of rows does
                // not: it is the row's last line.
                long line = parser.getCurrentLineNumber();
                try {
                    Subscriber subscriber = subscriber(row);
                    Long first = seen.putIfAbsent(subscriber.email().toLowerCase(Locale.ROOT), line);
                    if (first == null) {
                        subscribers.add(subscriber);
                    } else {
                        problems.add(name + ":" + line + ": " + subscriber.email() + " is already on line " + first);
                    }
                } catch (IllegalArgumentException problem) {
                    problems.add(name + ":" + line + ": " + problem.getMessage());
                }
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IOException(name + ": not readable as CSV: " + e.getMessage(), e);
        }
        return new Result(subscribers, problems);
    }

    /** The row's subscriber, checked as the form checks one. @throws IllegalArgumentException saying what is wrong */
    private static Subscriber subscriber(CSVRecord row) {
        String typed = row.isSet("email") ? row.get("email") : "";
        String email = EmailAddress.normalise(typed)
                .orElseThrow(() -> new IllegalArgumentException("not an email address: \"" + typed + "\""));
        return new Subscriber(email, SubscriberName.normalise(row.isSet("name") ? row.get("name") : null));
    }
}
