package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.SubscriberStoreContract;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberFileTest extends SubscriberStoreContract {
    @TempDir
    Path folder;

    @Override
    protected SubscriberStore store() {
        return new SubscriberFile(folder.resolve("state/subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void forgetsPendingSubscriptionsThatWaitedTooLong() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).put(new Subscription("ada@example.com", null,
                Subscription.Status.PENDING, NOW, NOW, NOW, null, List.of()));
        SubscriberFile later = new SubscriberFile(file,
                Clock.fixed(NOW.plus(SubscriberStore.PENDING_LIFETIME).plusSeconds(1), ZoneOffset.UTC));
        assertEquals(Optional.empty(), later.get("ada@example.com"));
    }

    @Test
    void aPendingSubscriptionLivesAsLongAsItsLatestConfirmationLink() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Instant askedAgain = NOW.plus(Duration.ofDays(6));
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).put(new Subscription("ada@example.com", null,
                Subscription.Status.PENDING, NOW, NOW, askedAgain, null, List.of()));

        SubscriberFile whileTheLinkWorks = new SubscriberFile(file,
                Clock.fixed(askedAgain.plus(Subscriptions.CONFIRMATION_LIFETIME), ZoneOffset.UTC));

        assertTrue(whileTheLinkWorks.get("ada@example.com").isPresent());
        assertEquals(Optional.empty(), new SubscriberFile(file, Clock.fixed(
                askedAgain.plus(SubscriberStore.PENDING_LIFETIME).plusSeconds(1), ZoneOffset.UTC)).get("ada@example.com"));
    }

    @Test
    void namesADamagedFile() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Files.writeString(file, "{ not json");
        IOException e = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }

    @Test
    void readsAndRewritesAFileOfTheFirstVersion() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Files.writeString(file, """
                {
                  "version": 1,
                  "subscribers": [
                    {
                      "email": "ada@example.com",
                      "name": "Ada",
                      "status": "CONFIRMED",
                      "created": "2024-05-01T10:00:00Z",
                      "changed": "2024-05-01T10:00:00Z",
                      "softBounces": []
                    },
                    {
                      "email": "bob@example.com",
                      "status": "UNSUBSCRIBED",
                      "created": "2024-05-01T10:00:00Z",
                      "changed": "2024-05-02T10:00:00Z",
                      "softBounces": ["d1"]
                    }
                  ]
                }
                """);
        SubscriberFile store = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(List.of("ada@example.com", "bob@example.com"), store.all().stream().map(Subscription::email).toList());
        assertTrue(Files.readString(file).startsWith("{\"version\":2,"), "rewritten as a log");
        assertEquals(List.of("d1"), new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC))
                .get("bob@example.com").orElseThrow().softBounces());
    }

    @Test
    void aChangeAppendsOneLineAndEveryInstanceSeesIt() throws IOException {
        Path file = folder.resolve("subscribers.json");
        SubscriberFile serve = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        SubscriberFile publish = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        serve.create(Subscription.confirmed("ada@example.com", null, NOW));
        assertEquals(1, publish.all().size());
        long before = Files.size(file);

        publish.create(Subscription.confirmed("bob@example.com", null, NOW));

        assertEquals(3, Files.readAllLines(file).size(), "a header and a line per change");
        assertTrue(Files.size(file) - before < 300, "only the change is written");
        assertEquals(List.of("ada@example.com", "bob@example.com"),
                serve.all().stream().map(Subscription::email).toList());
        assertTrue(serve.remove("ada@example.com"));
        assertEquals(Optional.empty(), publish.get("ada@example.com"));
    }

    @Test
    void twoInstancesChangingTheListAtOnceLoseNothing() throws Exception {
        Path file = folder.resolve("subscribers.json");
        addAtOnce(new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)),
                new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)));
        assertEquals(400, new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).all().size());
    }

    /** 200 subscribers from the form and 200 from a list, added at once through two instances. */
    private static void addAtOnce(SubscriberFile serve, SubscriberFile importing) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> add(serve, "form"));
            var other = pool.submit(() -> add(importing, "list"));
            one.get();
            other.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoInstancesReachingTheFileThroughALinkedFolderWaitForEachOther() throws Exception {
        Path state = Files.createDirectories(folder.resolve("state"));
        Path linked = Files.createSymbolicLink(folder.resolve("linked"), state);
        SubscriberFile serve = new SubscriberFile(state.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        SubscriberFile importing = new SubscriberFile(linked.resolve("subscribers.json"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        addAtOnce(serve, importing);
        assertEquals(400, serve.all().size());
    }

    @Test
    void aLongLogIsReadLineByLineWithItsLineNumbers() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            log.append("{\"set\":{\"email\":\"reader").append(i).append("@example.com\",\"name\":\"")
                    .append("\u00E9".repeat(i % 40)).append("\",\"status\":\"CONFIRMED\",\"created\":\"").append(NOW)
                    .append("\",\"changed\":\"").append(NOW).append("\"}}\n");
        }
        Files.writeString(file, log, java.nio.file.StandardOpenOption.APPEND);

        assertEquals(5_001, new SubscriberFile(file, Clock.systemUTC()).all().size());

        Files.writeString(file, "{\"set\":[]}\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(assertThrows(IOException.class, () -> new SubscriberFile(file, Clock.systemUTC()).all())
                .getMessage().startsWith(file + ":5003: "));
    }

    private static Void add(SubscriberFile store, String prefix) throws IOException {
        for (int i = 0; i < 200; i++) {
            store.create(Subscription.confirmed(prefix + i + "@example.com", null, NOW));
        }
        return null;
    }

    @Test
    void aLogRewrittenByAnotherInstanceIsReadAgainWhole() throws IOException {
        Path file = folder.resolve("subscribers.json");
        SubscriberFile one = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        SubscriberFile other = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        one.create(Subscription.confirmed("ada@example.com", null, NOW));
        assertEquals(1, other.all().size());
        // A long history: a reader who came and went many times.
        String history = ("{\"set\":{\"email\":\"bob@example.com\",\"status\":\"CONFIRMED\",\"created\":\"" + NOW
                + "\",\"changed\":\"" + NOW + "\"}}\n{\"removed\":\"bob@example.com\"}\n").repeat(6_000);
        Files.writeString(file, history, java.nio.file.StandardOpenOption.APPEND);
        one.remove("ada@example.com");
        one.create(Subscription.confirmed("grace@example.com", null, NOW));

        assertTrue(Files.readAllLines(file).size() < 10, "compacted: " + Files.readAllLines(file).size());
        assertEquals(List.of("grace@example.com"), other.all().stream().map(Subscription::email).toList());
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndTheNextChangeStartsAfresh() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        Files.writeString(file, "{\"set\":{\"email\":\"bob@exa", java.nio.file.StandardOpenOption.APPEND);

        SubscriberFile store = new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(List.of("ada@example.com"), store.all().stream().map(Subscription::email).toList());
        store.create(Subscription.confirmed("grace@example.com", null, NOW));

        assertEquals(List.of("ada@example.com", "grace@example.com"), new SubscriberFile(file,
                Clock.fixed(NOW, ZoneOffset.UTC)).all().stream().map(Subscription::email).toList());
    }

    @Test
    void aDamagedLineIsNamedWithWhatToDo() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        Files.write(file, new byte[] {'{', '"', 's', 'e', 't', '"', ':', '"', (byte) 0xe9, '"', '}', '\n'},
                java.nio.file.StandardOpenOption.APPEND);

        IOException notUtf8 = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));

        assertEquals(file + ":3: not UTF-8 text; the subscriber file is damaged: restore it from a backup, or mend"
                + " that line", notUtf8.getMessage());
    }

    @Test
    void aHandMendedLineMayWriteTheStateInAnyCase() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        Files.writeString(file, "{\"set\":{\"email\":\"bob@example.com\",\"status\":\"confirmed\","
                + "\"created\":\"2024-05-01T10:00:00Z\",\"changed\":\"2024-05-01T10:00:00Z\"}}\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertEquals(Optional.of(Subscription.Status.CONFIRMED), new SubscriberFile(file, Clock.systemUTC())
                .get("bob@example.com").map(Subscription::status));
    }

    @Test
    void eachDamagedLineIsNamedWithAPlainReason() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        byte[] good = Files.readAllBytes(file);
        String dates = "\"created\":\"2024-05-01T10:00:00Z\",\"changed\":\"2024-05-01T10:00:00Z\"";
        for (List<String> damage : List.of(
                List.of("[1]", "not a subscriber record: each line is one JSON object, as Gazette writes it"),
                List.of("{\"set\":", "not a subscriber record: each line is one JSON object, as Gazette writes it"),
                List.of("{\"set\":{\"email\":\"bob@example.com\",\"status\":\"gone\"," + dates + "}}",
                        "\"status\" must be pending, confirmed, unsubscribed or suppressed, not \"gone\""),
                List.of("{\"set\":{\"email\":\"bob@example.com\",\"status\":\"CONFIRMED\"," + dates
                        + ",\"softBounces\":-5}}", "\"softBounces\" must be a list of texts in quotes, such as [\"a\"]"),
                List.of("{\"set\":{\"email\":{},\"status\":\"CONFIRMED\"," + dates + "}}",
                        "\"email\" must be text in quotes"),
                List.of("{\"set\":{\"email\":\"bob@example.com\",\"status\":\"CONFIRMED\",\"created\":\"May\"}}",
                        "\"created\" must be a time such as 2024-05-10T12:00:00Z, not \"May\""),
                List.of("{\"set\":{\"email\":\"a@example.com\\r\\nBcc: evil@x.com\",\"status\":\"CONFIRMED\","
                        + dates + "}}", "not an email address: \"a@example.com\r\nBcc: evil@x.com\""))) {
            Files.write(file, good);
            Files.writeString(file, damage.get(0) + "\n", java.nio.file.StandardOpenOption.APPEND);

            IOException e = assertThrows(IOException.class, () -> new SubscriberFile(file, Clock.systemUTC()).all());

            assertEquals(file + ":3: " + damage.get(1) + "; the subscriber file is damaged: restore it from a backup,"
                    + " or mend that line", e.getMessage());
        }
    }

    @Test
    void aStoredAddressIsMailedAsTheFormWouldStoreIt() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).create(Subscription.confirmed("ada@example.com", null, NOW));
        Files.writeString(file, "{\"set\":{\"email\":\"Y@EXAMPLE.COM\",\"status\":\"CONFIRMED\","
                + "\"created\":\"2024-05-01T10:00:00Z\",\"changed\":\"2024-05-01T10:00:00Z\"}}\n",
                java.nio.file.StandardOpenOption.APPEND);

        SubscriberFile subscribers = new SubscriberFile(file, Clock.systemUTC());

        assertEquals(List.of("ada@example.com", "Y@example.com"),
                subscribers.all().stream().map(Subscription::email).toList());
        assertEquals(List.of("ada@example.com", "Y@example.com"), subscribers.confirmed(null, 10).subscribers()
                .stream().map(dev.gazette.subscriber.Subscriber::email).toList());
    }

    @Test
    void aFileOfTheFirstVersionThatIsNotUtf8IsNamed() throws IOException {
        Path file = folder.resolve("subscribers.json");
        byte[] start = "{\"version\": 1, \"subscribers\": [{\"email\": \"ada@example.com\", \"name\": \"Ada "
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(file, start);
        Files.write(file, new byte[] {(byte) 0xe2, (byte) 0x82, 'x', '"', '}', ']', '}'},
                java.nio.file.StandardOpenOption.APPEND);

        IOException e = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));

        assertEquals(file + " is damaged (not UTF-8 text); restore it from a backup", e.getMessage());
    }

    @Test
    void aSubscriberWithoutAStateIsNamed() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Files.writeString(file, """
                {"version": 1, "subscribers": [{"email": "ada@example.com", "created": "2024-05-01T10:00:00Z",
                "changed": "2024-05-01T10:00:00Z"}, null]}
                """);

        IOException e = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));

        assertEquals(file + ": subscriber 1 of the list: ada@example.com has no state (pending, confirmed,"
                + " unsubscribed or suppressed); the file is damaged: restore it from a backup, or mend that entry",
                e.getMessage());
        Files.writeString(file, "{\"version\":1,\"subscribers\":[null]}");
        assertEquals(file + ": subscriber 1 of the list: an empty entry; the file is damaged: restore it from a"
                + " backup, or mend that entry", assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).all()).getMessage());
    }

    @Test
    void aFolderWhereTheFileShouldBeIsNamed() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Files.createDirectories(file);

        IOException e = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));

        assertEquals(file + " is a folder, where a file is expected; move it away", FileErrors.describe(e));
    }
}
