package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.Emulators;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscribersCommandTest {
    @TempDir
    Path folder;

    private Blog.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state", folder.resolve("state").toString(), "--outbox", folder.resolve("outbox").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Blog.Run(exit, out.toString().strip(), err.toString().strip());
    }

    private Path csv(String text) throws Exception {
        Path file = folder.resolve("list.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void importsConfirmedSubscribersAndReportsEachRejectedRow() throws Exception {
        Path list = csv("email,name\nada@example.com,Ada\nnot-an-address,Bob\ngrace@example.net,\n");

        Blog.Run imported = run("subscribers", "import", list.toString(), "--confirmed");

        assertEquals(1, imported.exit());
        assertEquals("3 rows: 2 added, 0 already on the list (kept as they were), 1 rejected", imported.out());
        assertEquals(list + ":3: not an email address: \"not-an-address\"", imported.err());
        Blog.Run exported = run("subscribers", "export");
        List<String> lines = exported.out().lines().toList();
        assertEquals("email,name,status,created,changed,reason,topics", lines.get(0));
        assertTrue(lines.get(1).startsWith("ada@example.com,Ada,confirmed,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("grace@example.net,,confirmed,"), lines.get(2));
    }

    @Test
    void invitingTheStacksReadersNeedsTheStacksEndpointAndConfigurationSet() throws Exception {
        Path list = csv("email,name\nada@example.com,Ada\n");

        Blog.Run refused = run("subscribers", "import", list.toString(), "--table", "blog-table",
                "--site-url", "https://blog.example.com/", "--from", "news@example.com");

        assertEquals(Main.USAGE, refused.exit());
        assertTrue(refused.err().contains("give the stack's --endpoint (its site URL's origin) and"
                + " --configuration-set"), refused.err());
        assertTrue(Files.notExists(folder.resolve("state").resolve("secret")), "no secret of its own was made");
    }

    @Test
    void invitationsFromTheStacksTableAreSignedWithTheStacksKeysWithoutASecretTyped() throws Exception {
        Emulators emulators = Emulators.start();
        String table = emulators.createTable();
        KeySet stacks = new DynamoKeys(emulators.dynamoDbClient(), table).loadOrCreate(null);
        emulators.clearSentEmails();

        Blog.Run invited = run("subscribers", "import", csv("email,name\nada@example.com,Ada\n").toString(),
                "--table", table, "--site-url", "https://blog.example.com/", "--from", "news@example.com",
                "--endpoint", "https://api.example.com", "--configuration-set", "blog-digest");

        assertEquals(0, invited.exit(), invited.err());
        Matcher link = Pattern.compile("https://api\\.example\\.com/confirm\\?token=([A-Za-z0-9_.-]+)")
                .matcher(emulators.sentEmails().get(0).text());
        assertTrue(link.find(), emulators.sentEmails().get(0).text());
        assertEquals(new Tokens.Check.Valid("ada@example.com"),
                new Tokens(stacks).check(link.group(1), Tokens.Purpose.CONFIRM, Instant.now()));
        assertTrue(Files.notExists(folder.resolve("state").resolve("secret")), "no secret of its own was made");
    }

    @Test
    void exportsTheSameStatusesWhateverTheLocale() throws Exception {
        run("subscribers", "import", csv("email,name\nada@example.com,Ada\n").toString(), "--confirmed");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            String exported = run("subscribers", "export").out();
            assertTrue(exported.contains("ada@example.com,Ada,confirmed,"), exported);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void whatARowOrAStoredLineHoldsCannotForgeALineOfStandardError() throws Exception {
        Path list = csv("email,name\nok@example.com,Ok\n\"a@example.com\r\nBcc: evil@x.com\u001b[2K\",A\n");

        Blog.Run imported = run("subscribers", "import", list.toString(), "--confirmed");

        assertEquals(list + ":4: not an email address: \"a@example.com\\r\\nBcc: evil@x.com\\u001B[2K\"",
                imported.err());

        Path subscribers = folder.resolve("state/subscribers.json");
        Files.writeString(subscribers, "{\"set\":{\"email\":\"a@example.com\\r\\nBcc: evil@x.com\","
                + "\"status\":\"confirmed\",\"created\":\"2024-05-01T10:00:00Z\",\"changed\":\"2024-05-01T10:00:00Z\"}}\n",
                StandardOpenOption.APPEND);

        Blog.Run exported = run("subscribers", "export");

        assertEquals(3, exported.exit());
        assertEquals("gazette: " + subscribers + ":3: not an email address: \"a@example.com\\r\\nBcc: evil@x.com\";"
                + " the subscriber file is damaged: restore it from a backup, or mend that line", exported.err());
    }

    @Test
    void aSpreadsheetsCsvWithAnUnclosedQuoteImportsEveryOtherRow() throws Exception {
        Path list = folder.resolve("list.csv");
        Files.write(list, ("\uFEFFEmail,Name\r\nada@example.com,Ada\r\n\"bob@example.org,Bob\r\n"
                + "grace@example.net,=HYPERLINK(\"http://evil.example\")\r\n").getBytes(StandardCharsets.UTF_8));

        Blog.Run imported = run("subscribers", "import", list.toString(), "--confirmed");

        assertEquals(1, imported.exit());
        assertEquals("3 rows: 2 added, 0 already on the list (kept as they were), 1 rejected", imported.out());
        assertEquals(list + ":3: a quote on this row is unbalanced (never closed, or text follows the closing one);"
                + " the row is skipped", imported.err());
        List<String> exported = run("subscribers", "export").out().lines().toList();
        assertTrue(exported.get(2).startsWith("grace@example.net,\"'=HYPERLINK(\"\"http://evil.example\"\")\","),
                exported.get(2));
    }

    @Test
    void withoutConfirmedEachNewSubscriberGetsAConfirmationEmail() throws Exception {
        Path list = csv("email,name\nada@example.com,Ada\n");

        Blog.Run imported = run("subscribers", "import", list.toString(), "--site-url", "https://example.com/",
                "--from", "news@example.com");

        assertEquals(0, imported.exit(), imported.err());
        assertEquals("1 row: 1 invited (a confirmation email each), 0 already on the list (kept as they were),"
                + " 0 not sent, 0 rejected", imported.out());
        try (Stream<Path> files = Files.walk(folder.resolve("outbox"))) {
            assertEquals(1, files.filter(file -> file.toString().endsWith(".eml")).count());
        }
        assertTrue(run("subscribers", "export").out().contains("ada@example.com,Ada,pending,"));
    }

    @Test
    void aConfirmationEmailThatWasNotSentIsReportedAndSentOnTheNextImport() throws Exception {
        Path list = csv("email,name\nada@example.com,Ada\n");
        Files.writeString(folder.resolve("outbox"), "a file where the outbox folder should be: no email can go");

        Blog.Run failed = run("subscribers", "import", list.toString(), "--site-url", "https://example.com/",
                "--from", "news@example.com");

        assertEquals(1, failed.exit());
        assertEquals("1 row: 0 invited (a confirmation email each), 0 already on the list (kept as they were),"
                + " 1 not sent, 0 rejected", failed.out());
        assertEquals(list + ": the confirmation email to ada@example.com was not sent (the mail service refused it"
                + " or failed); import the file again to retry", failed.err());

        Files.delete(folder.resolve("outbox"));
        Blog.Run retried = run("subscribers", "import", list.toString(), "--site-url", "https://example.com/",
                "--from", "news@example.com");

        assertEquals(0, retried.exit(), retried.err());
        assertEquals("1 row: 1 invited (a confirmation email each), 0 already on the list (kept as they were),"
                + " 0 not sent, 0 rejected", retried.out());
    }

    @Test
    void worksOnTheStacksTableToo() throws Exception {
        String table = dev.gazette.aws.Emulators.start().createTable();
        Path list = csv("email,name\nada@example.com,Ada\ngrace@example.net,Grace\n");

        Blog.Run imported = run("subscribers", "import", list.toString(), "--confirmed", "--table", table);
        Blog.Run removed = run("subscribers", "remove", "grace@example.net", "--table", table);
        Blog.Run exported = run("subscribers", "export", "--table", table);

        assertEquals(0, imported.exit(), imported.err());
        assertEquals("removed grace@example.net", removed.out());
        List<String> lines = exported.out().lines().toList();
        assertEquals(2, lines.size(), exported.out());
        assertTrue(lines.get(1).startsWith("ada@example.com,Ada,confirmed,"), lines.get(1));
        assertEquals(List.of(), run("subscribers", "export").out().lines().skip(1).toList(), "the state folder is untouched");
    }

    @Test
    void removesAnAddressAltogether() throws Exception {
        run("subscribers", "import", csv("email\nada@example.com\n").toString(), "--confirmed");

        assertEquals("removed ADA@example.com", run("subscribers", "remove", "ADA@example.COM").out(),
                "the same subscriber, whatever the case the address is typed in");
        Blog.Run again = run("subscribers", "remove", "ada@example.com");
        assertEquals(1, again.exit());
        assertEquals("ada@example.com is not on the list", again.out());
        assertEquals(2, run("subscribers", "remove", "nobody").exit());
    }
}
