package dev.gazette.aws;

import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.SubscriberStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
