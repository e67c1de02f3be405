package dev.gazette.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        try (CSVParser parser = FORMAT.parse(csv)) {
            if (!parser.getHeaderMap().containsKey("email")) {
                throw new IOException(name + ":1: the first line must be the header email,name");
            }
            Map<String, Long> seen = new HashMap<>();
            for (CSVRecord row : parser) {
                // The parser's line counts blank lines and line breaks in quoted fields, as a count of rows does
                // not: it is the row's last line.
                long line = parser.getCurrentLineNumber();
                String typed = row.isSet("email") ? row.get("email") : "";
                Optional<String> email = EmailAddress.normalise(typed);
                if (email.isEmpty()) {
                    problems.add(name + ":" + line + ": not an email address: \"" + typed + "\"");
                    continue;
                }
                Long first = seen.putIfAbsent(email.get().toLowerCase(Locale.ROOT), line);
                if (first != null) {
                    problems.add(name + ":" + line + ": " + email.get() + " is already on line " + first);
                    continue;
                }
                String subscriberName = row.isSet("name") && !row.get("name").isBlank() ? row.get("name") : null;
                subscribers.add(new Subscriber(email.get(), subscriberName));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(name + ": not readable as CSV: " + e.getMessage(), e);
        }
        return new Result(subscribers, problems);
    }
}
