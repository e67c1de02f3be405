package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.gazette.subscriber.SubscriberStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The subscriber store contract, against DynamoDB as dynalite implements it. */
class DynamoSubscribersTest extends SubscriberStoreContract {
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = Emulators.start().dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Override
    protected SubscriberStore store() {
        return new DynamoSubscribers(dynamo, Emulators.start().createTable());
    }

    @Test
    void aPendingSubscriptionExpiresAfterItsLatestConfirmationLinkAndAConfirmedOneNever() {
        String table = Emulators.start().createTable();
        DynamoSubscribers store = new DynamoSubscribers(dynamo, table);
        store.create(new Subscription("ada@example.com", null, Subscription.Status.PENDING, NOW, NOW, null, null, List.of()));
        store.create(Subscription.confirmed("bob@example.com", null, NOW));
        Instant askedAgain = NOW.plus(Duration.ofDays(6));

        store.claimConfirmation("ada@example.com", askedAgain, Subscriptions.COOLDOWN);

        assertEquals(askedAgain.plus(SubscriberStore.PENDING_LIFETIME).getEpochSecond(), expires("ada@example.com", table));
        assertNull(dynamo.getItem(request -> request.tableName(table).key(DynamoSubscribers.key("bob@example.com")))
                .item().get(Table.EXPIRES));
    }

    private long expires(String address, String table) {
        return Long.parseLong(dynamo.getItem(request -> request.tableName(table)
                .key(DynamoSubscribers.key(address))).item().get(Table.EXPIRES).n());
    }
}
