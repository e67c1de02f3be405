package dev.gazette.aws;

import static dev.gazette.aws.Table.n;

import dev.gazette.subscriber.ClientLimit;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The counts of a {@link ClientLimit} in the table, one item a client and hour under {@code CLIENT#key}, which
 * the table's time to live deletes once its hour is over: shared by every instance of the Subscription function.
 */
public final class DynamoClientCounts implements ClientLimit.Counter {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoClientCounts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long increment(String key, Instant expires) {
        String count = dynamo.updateItem(request -> request.tableName(table).key(Table.key("CLIENT#" + key, "COUNT"))
                .updateExpression("ADD #count :one SET #expires = :expires")
                .expressionAttributeNames(Map.of("#count", "count", "#expires", Table.EXPIRES))
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expires.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("count").n();
        return Long.parseLong(count);
    }
}
