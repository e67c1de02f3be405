package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Emulators;
import dev.gazette.subscriber.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Readers of topics on the emulators: each gets the digest's posts of their tags, in one email, or none. */
class TopicDigestTest {
    private Stack stack;
    private DynamoSubscribers subscribers;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        subscribers = new DynamoSubscribers(stack.dynamo, stack.table);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private void reader(String address, String... topics) {
        Subscription confirmed = Subscription.confirmed(address, null, stack.now);
        subscribers.put(new Subscription(confirmed.email(), null, confirmed.status(), stack.now, stack.now, null, null,
                List.of(), List.of(topics), null));
    }

    private static String post(String title, String tag) {
        return "---\ntitle: " + title + "\ntags: [" + tag + "]\n---\n\nAbout " + title + ".\n";
    }

    /** Runs the scheduled digest and sends its batches; each reader's subject, by address. */
    private Map<String, String> digest() {
        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));
        stack.sendAll();
        return subjects();
    }

    private Map<String, String> subjects() {
        Map<String, String> subjects = new TreeMap<>();
        for (Emulators.SentEmail email : stack.emulators.sentEmails()) {
            subjects.merge(email.to().get(0), email.subject(), (one, two) -> one + " AND AGAIN " + two);
        }
        stack.emulators.clearSentEmails();
        return subjects;
    }

    @Test
    void eachReaderGetsThePostsOfTheirTopicsInOneEmailOrNone() {
        reader("all@example.com");
        reader("rust@example.com", "rust");
        reader("go@example.com", "Go");

        stack.publish("2024-05-10-borrow.md", post("Borrowing", "Rust"));
        assertEquals(Map.of("all@example.com", "Borrowing", "rust@example.com", "Borrowing"), digest());

        stack.now = stack.now.plusSeconds(86_400);
        stack.publish("2024-05-11-traits.md", post("Traits", "rust"));
        stack.publish("2024-05-11-channels.md", post("Channels", "go"));
        assertEquals(Map.of("all@example.com", "Example Blog: 2 new posts", "rust@example.com", "Traits",
                "go@example.com", "Channels"), digest());
    }

    /** The one line of the log with this outcome, as JSON. */
    private static JsonObject logged(String log, String outcome) {
        List<JsonObject> lines = log.lines().filter(line -> line.startsWith("{"))
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .filter(line -> line.has("outcome") && line.get("outcome").getAsString().equals(outcome)).toList();
        assertEquals(1, lines.size(), log);
        return lines.get(0);
    }

    @Test
    void theLogsCountReadersMailedApartFromReadersWithNothingOfTheirTopics() {
        reader("all@example.com");
        reader("rust@example.com", "rust");
        reader("go@example.com", "go");
        stack.publish("2024-05-10-borrow.md", post("Borrowing", "Rust"));

        String digestLog = Stack.logOf(() -> stack.invoke(new DigestHandler(stack.env, stack.clock()),
                Stack.read(Path.of("events", "scheduled.json"))));
        JsonObject queued = logged(digestLog, "queued");
        assertEquals(2, queued.get("recipients").getAsInt());
        assertEquals(1, queued.get("nothing").getAsInt());

        String sendLog = Stack.logOf(stack::sendAll);
        JsonObject sent = logged(sendLog, "sent");
        assertEquals(2, sent.get("sent").getAsInt());
        assertEquals(Map.of("all@example.com", "Borrowing", "rust@example.com", "Borrowing"), subjects());
    }

    @Test
    void topicsChangedBetweenBatchesTakeEffectFromTheNextDigest() {
        List<String> readers = IntStream.range(0, 60).mapToObj(i -> String.format("reader%02d@example.com", i))
                .toList();
        readers.forEach(address -> reader(address, "rust"));
        stack.publish("2024-05-10-borrow.md", post("Borrowing", "rust"));
        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));
        List<Message> batches = stack.receiveAll();
        assertEquals(2, batches.size());

        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches.subList(0, 1)));
        // Between the batches, one reader of each turns to Go: the digest keeps the topics it queued.
        Subscription sent = subscribers.get(readers.get(0)).orElseThrow();
        Subscription waiting = subscribers.get(readers.get(59)).orElseThrow();
        for (Subscription reader : List.of(sent, waiting)) {
            subscribers.update(reader, new Subscription(reader.email(), null, reader.status(), reader.created(),
                    stack.now, null, null, List.of(), List.of("go"), null));
        }
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches.subList(1, 2)));
        // A batch delivered again sends nothing again.
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches));

        Map<String, String> first = subjects();
        assertEquals(60, first.size(), "everyone once, nobody lost");
        assertEquals(List.of("Borrowing"), first.values().stream().distinct().toList(), "nobody twice");

        stack.now = stack.now.plusSeconds(86_400);
        stack.publish("2024-05-11-channels.md", post("Channels", "go"));
        assertEquals(Map.of(readers.get(0), "Channels", readers.get(59), "Channels"), digest());
    }
}
