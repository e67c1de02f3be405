package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** What each fault does to a call, on the emulators, with the SDK's own retries. */
class FaultsTest {
    private final Emulators emulators = Emulators.start();
    private final DynamoDbClient dynamo = emulators.dynamoDbClient();
    private final String table = emulators.createTable();

    @AfterEach
    void stop() {
        Faults.clear();
        dynamo.close();
    }

    private void put(String pk) {
        dynamo.putItem(request -> request.tableName(table).item(Table.key(pk, "x"))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    private boolean exists(String pk) {
        return dynamo.getItem(request -> request.tableName(table).key(Table.key(pk, "x")).consistentRead(true))
                .hasItem();
    }

    @Test
    void aRefusedCallNeverReachesTheServiceAndFailsOnceTheSdkGivesUpRetrying() {
        Faults.Rule refused = Faults.on("DynamoDb", "PutItem").refuse();

        SdkClientException failure = assertThrows(SdkClientException.class, () -> put("a"));

        assertInstanceOf(ConnectException.class, failure.getCause());
        assertTrue(refused.calls() > 1, "the SDK retried before it gave up");
        assertFalse(exists("a"));
    }

    @Test
    void aCallRefusedOnceSucceedsOnTheSdksRetry() {
        Faults.Rule refused = Faults.on("DynamoDb", "PutItem").onCall(1).refuse();

        put("a");

        assertEquals(2, refused.calls());
        assertTrue(exists("a"));
    }

    @Test
    void aConditionalWriteAppliedButAnswered500IsRetriedAndMeetsItself() {
        Faults.Rule answered500 = Faults.on("DynamoDb", "PutItem").onCall(1).answer500();

        // The trap this fault exists to show: the retry finds the item the first attempt wrote.
        assertThrows(ConditionalCheckFailedException.class, () -> put("a"));

        assertEquals(2, answered500.calls());
        assertTrue(exists("a"));
    }

    @Test
    void every500IsAServiceErrorTheSdkRetriesThenReports() {
        Faults.on("DynamoDb", "GetItem").answer500();

        DynamoDbException failure = assertThrows(DynamoDbException.class, () -> exists("a"));

        assertEquals(500, failure.statusCode());
    }

    @Test
    void anS3WriteAnswered500IsInTheBucketAllTheSame() {
        String bucket = emulators.createBucket();
        Faults.on("S3", "PutObject").answer500();
        try (S3Client s3 = emulators.s3Client()) {
            assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, () -> s3.putObject(
                    request -> request.bucket(bucket).key("a.md"), RequestBody.fromString("text")));
            Faults.clear();

            assertEquals("text", s3.getObjectAsBytes(request -> request.bucket(bucket).key("a.md")).asUtf8String());
        }
    }

    @Test
    void onlyTheCallsThePredicateChoosesGetTheFault() {
        Faults.Rule rule = Faults.on("DynamoDb", "PutItem")
                .where(PutItemRequest.class, put -> put.item().get("pk").s().equals("b")).refuse();

        put("a");
        assertEquals(0, rule.calls());
        assertThrows(SdkClientException.class, () -> put("b"));

        assertTrue(exists("a"));
        assertFalse(exists("b"));
    }

    @Test
    void aCallPausedBeforeSendingHasNotHappenedUntilReleased() throws Exception {
        Faults.Pause pause = Faults.on("DynamoDb", "PutItem").pause(Faults.Point.BEFORE_SENDING);

        CompletableFuture<Void> paused = CompletableFuture.runAsync(() -> put("a"));
        pause.awaitReached();
        assertFalse(exists("a"));
        assertFalse(paused.isDone());

        pause.release();
        paused.get(30, TimeUnit.SECONDS);
        assertTrue(exists("a"));
    }

    @Test
    void aCallPausedAfterTheServiceAppliedItHasHappenedThoughItsCallerWaits() throws Exception {
        Faults.Pause pause = Faults.on("DynamoDb", "PutItem").pause(Faults.Point.AFTER_APPLIED);

        CompletableFuture<Void> paused = CompletableFuture.runAsync(() -> put("a"));
        pause.awaitReached();
        assertTrue(exists("a"));
        assertFalse(paused.isDone());

        pause.release();
        paused.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aKillEndsTheCallerThereWithoutTheSdkRetryingIt() {
        Faults.Rule killed = Faults.on("DynamoDb", "PutItem").kill(Faults.Point.AFTER_APPLIED);

        assertThrows(Faults.Killed.class, () -> put("a"));

        assertEquals(1, killed.calls());
        assertTrue(exists("a"), "applied before the kill");
    }

    @Test
    void otherServicesAndOperationsPassUntouched() {
        Faults.Rule otherService = Faults.on("S3", "PutItem").refuse();
        Faults.Rule otherOperation = Faults.on("DynamoDb", "DeleteItem").refuse();

        put("a");

        assertTrue(exists("a"));
        assertEquals(0, otherService.calls());
        assertEquals(0, otherOperation.calls());
    }
}
