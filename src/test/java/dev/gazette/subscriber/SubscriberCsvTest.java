package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberCsvTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    @Test
    void readsAddressesAndOptionalNames() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("subscribers.csv", new StringReader("""
                email,name
                ada@example.com,Ada Lovelace
                grace@example.net,
                "bob@example.org","Bob, Jr."
                """));
        assertEquals(List.of(new Subscriber("ada@example.com", "Ada Lovelace"), new Subscriber("grace@example.net", null),
                new Subscriber("bob@example.org", "Bob, Jr.")), result.subscribers());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void reportsEachBadRowWithItsLineAndKeepsTheRest() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("subscribers.csv", new StringReader("""
                email,name
                ada@example.com,Ada
                bob@,Bob
                ADA@EXAMPLE.COM,Ada again
                grace@example.net,Grace
                """));
        assertEquals(List.of("ada@example.com", "grace@example.net"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of("subscribers.csv:3: not an email address: \"bob@\"",
                "subscribers.csv:4: ADA@example.com is already on line 2"), result.problems());
    }

    @Test
    void countsLinesAsTheFileHasThemPastBlankLinesAndQuotedLineBreaks() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("subscribers.csv", new StringReader("""
                email,name,note
                ada@example.com,Ada,

                grace@example.net,Grace,"Met at the conference,
                asked for the newsletter"
                bob@,Bob,
                ADA@EXAMPLE.COM,Ada again,
                """));
        assertEquals(List.of("subscribers.csv:6: not an email address: \"bob@\"",
                "subscribers.csv:7: ADA@example.com is already on line 2"), result.problems());
    }

    @Test
    void countsTheLastLineWithoutALineBreakToo() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("subscribers.csv", new StringReader("email,name\nbob@,Bob"));
        assertEquals(List.of("subscribers.csv:2: not an email address: \"bob@\""), result.problems());
    }

    @Test
    void takesNoNameTheFormWouldRefuse() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("subscribers.csv", new StringReader("""
                email,name
                ada@example.com,"Ada
                Lovelace"
                grace@example.net,%s
                bob@example.org,Bob\u001b[31m
                eve@example.com,Eve
                """.formatted("G".repeat(101))));
        assertEquals(List.of(new Subscriber("eve@example.com", "Eve")), result.subscribers());
        assertEquals(List.of("subscribers.csv:3: the name must be on one line, without control characters",
                "subscribers.csv:4: the name can be at most 100 characters long",
                "subscribers.csv:5: the name must be on one line, without control characters"), result.problems());
    }

    @Test
    void readsEveryRowOfAFileWithCarriageReturnsAloneAsLineBreaks() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("cr.csv", new StringReader(
                "email,name\ra1@example.com,A\rbad@example.com,\"x\"y\ra2@example.com,B\ra3@example.com,C\r"));
        assertEquals(List.of("a1@example.com", "a2@example.com", "a3@example.com"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of("cr.csv:3: a quote on this row is unbalanced (never closed, or text follows the closing"
                + " one); the row is skipped"), result.problems());
    }

    @Test
    void countsCarriageReturnsInQuotedFieldsAndMixedLineBreaksAsTheParserDoes() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("mixed.csv", new StringReader(
                "email,name,note\r\na1@example.com,A,\"one\rtwo\"\n\r\nbob@,Bob,\ra2@example.com,\"x\"y,\n"
                        + "a3@example.com,C,\r\n\"a4@example.com,D"));
        assertEquals(List.of("a1@example.com", "a3@example.com"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of("mixed.csv:5: not an email address: \"bob@\"",
                "mixed.csv:6: a quote on this row is unbalanced (never closed, or text follows the closing one);"
                        + " the row is skipped",
                "mixed.csv:8: a quote opened on this row is never closed; the row is skipped"), result.problems());
    }

    @Test
    void readsPastManyBadRowsInOnePassEach() throws IOException {
        StringBuilder csv = new StringBuilder("email,name\n");
        int rows = 60_000;
        for (int i = 0; i < rows; i++) {
            csv.append('u').append(i).append(i % 2 == 0 ? "@example.com,\"x\"y\n" : "@example.com,U\n");
        }
        SubscriberCsv.Result result = SubscriberCsv.read("many.csv", new StringReader(csv.toString()));
        assertEquals(rows / 2, result.subscribers().size());
        assertEquals(rows / 2, result.problems().size());
        assertEquals("many.csv:" + (rows) + ": a quote on this row is unbalanced (never closed, or text follows the"
                + " closing one); the row is skipped", result.problems().get(rows / 2 - 1));
    }

    @Test
    void wantsTheHeader() {
        IOException e = assertThrows(IOException.class,
                () -> SubscriberCsv.read("list.csv", new StringReader("ada@example.com,Ada\n")));
        assertTrue(e.getMessage().startsWith("list.csv:1: the first line must be the header email,name"), e.getMessage());
    }

    @Test
    void readsExcelsCsvUtf8WithItsByteOrderMarkAndAnyHeaderCase() throws Exception {
        SubscriberCsv.Result result = SubscriberCsv.read(resource("excel-csv-utf8.csv"));
        assertEquals(List.of(new Subscriber("ada@example.com", "Ada Lovelace"),
                new Subscriber("grace@example.net", "Hopper, Grace")), result.subscribers());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void aRowThatIsNotUtf8IsThatRowsProblem() throws Exception {
        Path file = resource("latin1.csv");
        SubscriberCsv.Result result = SubscriberCsv.read(file);
        assertEquals(List.of("ada@example.com", "grace@example.net"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of(file + ":3: not UTF-8 text; save the file as CSV UTF-8"), result.problems());
    }

    @Test
    void anUnclosedQuoteIsItsRowsProblemAndTheRestIsRead() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("list.csv", new StringReader("""
                email,name
                ada@example.com,Ada

                "bob@example.org,Bob
                grace@example.net,Grace
                """));
        assertEquals(List.of("ada@example.com", "grace@example.net"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of("list.csv:4: a quote opened on this row is never closed; the row is skipped"),
                result.problems());
    }

    @Test
    void textAfterAClosingQuoteIsItsRowsProblem() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("list.csv", new StringReader("""
                email,name
                "ada@example.com"x,Ada
                grace@example.net,Grace
                bob@example.org,"Bob" Jr
                eve@example.com,Eve
                """));
        assertEquals(List.of("grace@example.net", "eve@example.com"),
                result.subscribers().stream().map(Subscriber::email).toList());
        assertEquals(List.of("list.csv:2: a quote on this row is unbalanced (never closed, or text follows the closing one); the row is skipped",
                "list.csv:4: a quote on this row is unbalanced (never closed, or text follows the closing one); the row is skipped"), result.problems());
    }

    @Test
    void refusesNamesWithRightToLeftOverridesAndOtherFormatCharacters() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("list.csv", new StringReader("""
                email,name
                ada@example.com,\u202Egnp.exe
                grace@example.net,Grace\u200B
                nima@example.org,\u0646\u06CC\u200C\u0645\u0627
                """));
        assertEquals(List.of(new Subscriber("nima@example.org", "\u0646\u06CC\u200C\u0645\u0627")),
                result.subscribers());
        assertEquals(List.of("list.csv:2: the name must not contain invisible formatting characters such as U+202E",
                "list.csv:3: the name must not contain invisible formatting characters such as U+200B"),
                result.problems());
    }

    @Test
    void anExportedFormulaIsNeutralisedAndReadsBackAsTyped() throws IOException {
        List<Subscription> subscriptions = List.of(
                Subscription.confirmed("ada@example.com", "=HYPERLINK(\"http://evil.example\",\"Click\")", NOW),
                Subscription.confirmed("bob@example.com", "+SUM(1,2)", NOW),
                Subscription.confirmed("-1+1@example.com", "@SUM(1,2)", NOW),
                Subscription.confirmed("grace@example.net", "Grace Hopper", NOW),
                new Subscription("eve@example.com", null, Subscription.Status.SUPPRESSED, NOW, NOW, null,
                        "\tbounced: =cmd|' /C calc'!A0", List.of()));
        StringBuilder csv = new StringBuilder();

        SubscriberCsv.write(csv, subscriptions);

        assertEquals("""
                email,name,status,created,changed,reason,topics
                ada@example.com,"'=HYPERLINK(""http://evil.example"",""Click"")",confirmed,%1$s,%1$s,,
                bob@example.com,"'+SUM(1,2)",confirmed,%1$s,%1$s,,
                '-1+1@example.com,"'@SUM(1,2)",confirmed,%1$s,%1$s,,
                grace@example.net,Grace Hopper,confirmed,%1$s,%1$s,,
                eve@example.com,,suppressed,%1$s,%1$s,'\tbounced: =cmd|' /C calc'!A0,
                """.formatted(NOW), csv.toString());
        assertEquals(subscriptions.stream().map(Subscription::subscriber).toList(),
                SubscriberCsv.read("export.csv", new StringReader(csv.toString())).subscribers());
    }

    @Test
    void topicsGoOutInTheExportAndComeBackAsKeys() throws IOException {
        Subscription rust = Subscription.confirmed("ada@example.com", null, NOW).withTopics(List.of("go", "rust"), NOW);
        StringBuilder csv = new StringBuilder();
        SubscriberCsv.write(csv, List.of(rust));
        assertEquals("email,name,status,created,changed,reason,topics\nada@example.com,,confirmed,%1$s,%1$s,,go rust\n"
                .formatted(NOW), csv.toString());
        assertEquals(List.of(rust.subscriber()), SubscriberCsv.read("export.csv", new StringReader(csv.toString()))
                .subscribers());

        SubscriberCsv.Result typed = SubscriberCsv.read("list.csv", new StringReader("""
                email,topics
                bob@example.com,  Rust   Go  rust
                eve@example.com,%s
                zoe@example.com,
                """.formatted("t".repeat(101))));
        assertEquals(List.of(new Subscriber("bob@example.com", null, List.of("go", "rust")),
                new Subscriber("zoe@example.com", null)), typed.subscribers());
        assertEquals(List.of("list.csv:3: a topic can be at most 100 characters long"), typed.problems());
    }

    @Test
    void aListThatIsNotAnExportKeepsALeadingQuoteAsTyped() throws IOException {
        SubscriberCsv.Result result = SubscriberCsv.read("list.csv", new StringReader("""
                email,name
                ada@example.com,'=x
                bob@example.com,'+1 for Bob
                """));
        assertEquals(List.of(new Subscriber("ada@example.com", "'=x"), new Subscriber("bob@example.com", "'+1 for Bob")),
                result.subscribers());
    }

    @Test
    void aFolderIsNamed(@TempDir Path folder) {
        FileSystemException e = assertThrows(FileSystemException.class, () -> SubscriberCsv.read(folder));
        assertEquals(folder.toString(), e.getFile());
        assertEquals("Is a directory", e.getReason());
    }

    private Path resource(String name) throws Exception {
        return Path.of(getClass().getResource(name).toURI());
    }
}
