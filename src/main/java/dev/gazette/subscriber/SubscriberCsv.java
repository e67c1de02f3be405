package dev.gazette.subscriber;

import dev.gazette.mail.Email;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A subscriber list as CSV with the header {@code email,name} ({@code name} optional, any case, other columns
 * ignored), as spreadsheets save it: with or without Excel's byte order mark. An optional {@code topics} column
 * holds the reader's topics, separated by spaces; empty for every post.
 */
public final class SubscriberCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true).setTrim(true).build();
    private static final CSVFormat EXPORT = CSVFormat.DEFAULT.builder()
            .setHeader("email", "name", "status", "created", "changed", "reason", "topics").setRecordSeparator('\n')
            .build();
    /** The columns of an export before topics came: such a file is still known as an export. */
    private static final int EXPORT_BEFORE_TOPICS = 6;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** What the decoder puts for bytes that are not UTF-8. */
    private static final char NOT_UTF8 = '\uFFFD';
    /**
     * The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list, and their
     * full-width forms, which some spreadsheets read alike).
     */
    private static final String FORMULA_START = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20";

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

    /**
     * Reads a file, UTF-8: a row with bytes that are not is that row's problem.
     *
     * @throws IOException when the file cannot be read, or has no header
     */
    public static Result read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            // The JDK's own error for reading a folder does not name it.
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        return read(file.toString(), new StringReader(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
    }

    /** @param name the file's name, for problems */
    public static Result read(String name, Reader csv) throws IOException {
        StringWriter whole = new StringWriter();
        csv.transferTo(whole);
        String text = whole.toString();
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        // The parser counts a line at its line break: the last row needs one too.
        if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            text += "\n";
        }
        return new Rows(name, text).read();
    }

    /** The rows of one file, read past malformed ones. */
    private static final class Rows {
        private final String name;
        private final String text;
        private final List<Subscriber> subscribers = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Long> seen = new HashMap<>();
        /** Where each line starts: line n at {@code lineStarts[n - 1]}, the end of the text after the last. */
        private final int[] lineStarts;
        private int email = -1;
        private int fullName = -1;
        private int topics = -1;
        /** Whether the file is an export of Gazette's, whose neutralised cells are read back as they were. */
        private boolean export;

        Rows(String name, String text) {
            this.name = name;
            this.text = text;
            this.lineStarts = lineStarts(text);
        }

        /** Line breaks as the parser counts them: CR LF, LF, or a CR alone, as old Mac files have. */
        private static int[] lineStarts(String text) {
            int[] starts = new int[16];
            int count = 1;
            for (int at = 0; at < text.length(); at++) {
                char c = text.charAt(at);
                if (c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                    at++;
                } else if (c != '\r' && c != '\n') {
                    continue;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = at + 1;
            }
            return Arrays.copyOf(starts, count);
        }

        Result read() throws IOException {
            long skipped = readFrom(0, true);
            while (skipped > 0) {
                skipped = readFrom(skipped, false);
            }
            return new Result(subscribers, problems);
        }

        /**
         * Reads the rows after line {@code after}, until the end or a row the parser cannot read: that one is a
         * problem, and the lines up to its first are skipped.
         *
         * @return the line of the row it could not read, or 0 at the end
         */
        private long readFrom(long after, boolean header) throws IOException {
            StringReader rest = new StringReader(text);
            // Skipping moves the reader's index: no copy of the text, so each bad row costs only its own length.
            rest.skip(offsetOfLine(after + 1));
            try (CSVParser parser = FORMAT.parse(rest)) {
                Iterator<CSVRecord> rows = parser.iterator();
                while (true) {
                    long before = parser.getCurrentLineNumber();
                    CSVRecord row;
                    try {
                        if (!rows.hasNext()) {
                            return 0;
                        }
                        row = rows.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        if (header) {
                            throw new IOException(name + ":1: the first line must be the header email,name", e);
                        }
                        long line = firstLineWithText(after + before + 1);
                        problems.add(name + ":" + line + ": " + malformed(e) + "; the row is skipped");
                        return line;
                    }
                    if (header) {
                        header(row);
                        header = false;
                    } else {
                        // The parser's line counts blank lines and line breaks in quoted fields, as a count of rows
                        // does not: it is the row's last line.
                        row(row, after + parser.getCurrentLineNumber());
                    }
                }
            }
        }

        private void header(CSVRecord row) throws IOException {
            for (int i = 0; i < row.size(); i++) {
                String column = row.get(i).strip().toLowerCase(Locale.ROOT);
                if (column.equals("email") && email < 0) {
                    email = i;
                } else if (column.equals("name") && fullName < 0) {
                    fullName = i;
                } else if (column.equals("topics") && topics < 0) {
                    topics = i;
                }
            }
            if (email < 0) {
                throw new IOException(name + ":" + row.getRecordNumber()
                        + ": the first line must be the header email,name");
            }
            export = (row.size() == EXPORT.getHeader().length || row.size() == EXPORT_BEFORE_TOPICS)
                    && IntStream.range(0, row.size())
                    .allMatch(i -> row.get(i).strip().equalsIgnoreCase(EXPORT.getHeader()[i]));
        }

        private void row(CSVRecord row, long line) {
            try {
                Subscriber subscriber = subscriber(row);
                Long first = seen.putIfAbsent(Email.recipient(subscriber.email()), line);
                if (first == null) {
                    subscribers.add(subscriber);
                } else {
                    problems.add(name + ":" + line + ": " + subscriber.email() + " is already on line " + first);
                }
            } catch (IllegalArgumentException problem) {
                problems.add(name + ":" + line + ": " + problem.getMessage());
            }
        }

        /** The row's subscriber, checked as the form checks one. @throws IllegalArgumentException saying what is wrong */
        private Subscriber subscriber(CSVRecord row) {
            String typed = field(row, email);
            String typedName = fullName < 0 ? null : field(row, fullName);
            if (typed.indexOf(NOT_UTF8) >= 0 || typedName != null && typedName.indexOf(NOT_UTF8) >= 0) {
                throw new IllegalArgumentException("not UTF-8 text; save the file as CSV UTF-8");
            }
            String address = EmailAddress.normalise(typed)
                    .orElseThrow(() -> new IllegalArgumentException("not an email address: \"" + typed + "\""));
            String typedTopics = topics < 0 ? "" : field(row, topics).strip();
            return new Subscriber(address, SubscriberName.normalise(typedName),
                    typedTopics.isEmpty() ? List.of() : Topics.stored(List.of(typedTopics.split("\\s+"))));
        }

        /**
         * A cell as the reader meant it: in an export, without the {@code '} that {@link #write} put before a cell
         * that starts like a formula; in any other file as written, since a name may well start with {@code '=}.
         */
        private String field(CSVRecord row, int column) {
            if (column >= row.size()) {
                return "";
            }
            return export ? unneutralised(row.get(column)) : row.get(column);
        }

        private int offsetOfLine(long line) {
            return line > lineStarts.length ? text.length() : lineStarts[(int) line - 1];
        }

        /** The line a row starts on: the parser passes over blank lines before it. */
        private long firstLineWithText(long line) {
            // A line that starts with a line break is empty; only the last line can be cut short by the text's end.
            while (line < lineStarts.length && isLineBreak(text.charAt(lineStarts[(int) line - 1]))) {
                line++;
            }
            return line;
        }

        private static boolean isLineBreak(char c) {
            return c == '\r' || c == '\n';
        }

        private static String malformed(RuntimeException e) {
            // Commons CSV says what went wrong only in its message, whose case changed between releases.
            String cause = (e.getCause() != null ? String.valueOf(e.getCause().getMessage())
                    : String.valueOf(e.getMessage())).toLowerCase(Locale.ROOT);
            if (cause.contains("eof reached before encapsulated token finished")) {
                return "a quote opened on this row is never closed";
            }
            if (cause.contains("between encapsulated token and delimiter")) {
                return "a quote on this row is unbalanced (never closed, or text follows the closing one)";
            }
            return "not a CSV row";
        }
    }

    /**
     * Writes subscriptions as CSV with the header {@code email,name,status,created,changed,reason,topics}. A cell a
     * spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +SUM(…)}, {@code @SUM(…)}, {@code -1+1})
     * gets a leading {@code '}, as OWASP's CSV injection guidance advises; {@link #read} takes it off again, knowing
     * the export by its header.
     */
    public static void write(Appendable out, Iterable<Subscription> subscriptions) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, EXPORT);
        for (Subscription subscription : subscriptions) {
            csv.printRecord(neutralised(subscription.email()), neutralised(subscription.name()),
                    subscription.status().name().toLowerCase(Locale.ROOT), subscription.created(),
                    subscription.changed(), neutralised(subscription.reason()),
                    neutralised(String.join(" ", subscription.topics())));
        }
        csv.flush();
    }

    private static String neutralised(String cell) {
        return cell != null && !cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static String unneutralised(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_START.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }
}
