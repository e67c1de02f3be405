package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberCsvTest {
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
    void wantsTheHeader() {
        IOException e = assertThrows(IOException.class,
                () -> SubscriberCsv.read("list.csv", new StringReader("ada@example.com,Ada\n")));
        assertTrue(e.getMessage().startsWith("list.csv:1: the first line must be the header email,name"), e.getMessage());
    }

    @Test
    void namesAFileThatIsNotCsv() {
        IOException e = assertThrows(IOException.class,
                () -> SubscriberCsv.read("list.csv", new StringReader("email,name\n\"unclosed,x\n")));
        assertTrue(e.getMessage().startsWith("list.csv: not readable as CSV"), e.getMessage());
    }
}
