package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The keys that sign links, kept in the table as dynalite implements DynamoDB. */
class DynamoKeysTest {
    private static final Instant NOW = Instant.parse("2026-01-10T09:00:00Z");
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = Emulators.start().dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void madeOnceUnderConcurrentFirstUse() throws Exception {
        String table = Emulators.start().createTable();
        int functions = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(functions);
        try {
            List<Future<KeySet>> racing = IntStream.range(0, functions)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return new DynamoKeys(dynamo, table).loadOrCreate(null);
                    })).toList();
            start.countDown();
            List<String> made = new java.util.ArrayList<>();
            for (Future<KeySet> keys : racing) {
                made.add(keys.get().text());
            }
            String stored = new DynamoKeys(dynamo, table).read().orElseThrow().text();
            assertEquals(java.util.Collections.nCopies(functions, stored), made,
                    "every function signs with the one key stored");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStackThatHadASecretKeepsItAsTheLegacyKeyUntilARotation() {
        String table = Emulators.start().createTable();
        byte[] typed = "the secret typed in long ago".getBytes(StandardCharsets.UTF_8);
        // As sent before key ids: the same payload and signature, without "0." in front.
        String sent = new Tokens(typed).unsubscribe("ada@example.com").substring(2);
        DynamoKeys store = new DynamoKeys(dynamo, table);

        KeySet keys = store.loadOrCreate(typed);
        assertEquals(KeySet.LEGACY_ID, keys.current().id());
        assertEquals(keys.text(), new DynamoKeys(dynamo, table).loadOrCreate(null).text(), "kept, not made again");

        KeySet rotated = store.rotate(NOW, Duration.ofDays(400));
        assertEquals(rotated.text(), store.read().orElseThrow().text());
        assertEquals(new Tokens.Check.Valid("ada@example.com"),
                new Tokens(rotated).check(sent, Tokens.Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(399))));
        assertEquals(new Tokens.Check.Invalid(),
                new Tokens(rotated).check(sent, Tokens.Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(400))));
    }

    @Test
    void nothingToRotateIsSaid() {
        String table = Emulators.start().createTable();
        assertEquals("the table " + table + " holds no keys to rotate yet; the functions make them when they first"
                + " sign a link", assertThrows(IllegalStateException.class,
                () -> new DynamoKeys(dynamo, table).rotate(NOW, Duration.ZERO)).getMessage());
    }
}
