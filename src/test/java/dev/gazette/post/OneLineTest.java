package dev.gazette.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OneLineTest {
    @Test
    void aMessageCannotStartALineOfItsOwnNorDriveTheTerminal() {
        assertEquals("a@example.com\\r\\nBcc: evil@x.com: not emailed \\u001B[2K\\u2028\\u0000 é ok",
                OneLine.of("a@example.com\r\nBcc: evil@x.com: not emailed \u001b[2K\u2028\u0000 é ok"));
    }

    @Test
    void noTextCanHideWhatFollowsIt() {
        assertEquals("file \\u202Egpj.exe, half a pair \\uD800, a soft hyphen a\\u00ADb",
                OneLine.of("file \u202Egpj.exe, half a pair \uD800, a soft hyphen a\u00ADb"));
    }

    @Test
    void textInAnyScriptShowsAsItIs() {
        String written = "😀, \uD83D\uDC69\u200D\uD83D\uDCBB (joined), \u0646\u06CC\u200C\u0645\u0627 (not joined), é";

        assertEquals(written, OneLine.of(written));
    }

    @Test
    void aWriterPrintsEachMessageOnOneLine() {
        StringWriter printed = new StringWriter();
        PrintWriter err = OneLine.writer(new PrintWriter(printed));

        err.println("list.csv:4: not an email address: \"a@example.com\nBcc: evil@x.com\"");
        err.println("second");

        assertEquals(("list.csv:4: not an email address: \"a@example.com\\nBcc: evil@x.com\"%nsecond%n").formatted(),
                printed.toString());
    }
}
