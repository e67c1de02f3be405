package dev.gazette.aws;

import static dev.gazette.aws.Table.key;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.publish.SendingPause;
import dev.gazette.publish.StoredTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The pause of digest sending, as one item of the table: there while paused. */
public final class DynamoSendingPause implements SendingPause {
    private static final Map<String, AttributeValue> KEY = key("SETTINGS", "sending");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSendingPause(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Pause> current() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(KEY)
                .consistentRead(true)).item();
        return pause(item);
    }

    @Override
    public void pause(String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("reason", s(reason));
        item.put("since", s(now.toString()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Paused already: the first reason is the one to look into.
        }
    }

    @Override
    public Optional<Pause> resume() {
        return pause(dynamo.deleteItem(request -> request.tableName(table).key(KEY)
                .returnValues(ReturnValue.ALL_OLD)).attributes());
    }

    private static Optional<Pause> pause(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        // The item is the pause: one whose time cannot be read, written by hand say, still holds the digests.
        String reason = String.valueOf(string(item, "reason"));
        String since = string(item, "since");
        try {
            return Optional.of(new Pause(reason, since == null ? Instant.EPOCH : StoredTime.parse(since)));
        } catch (DateTimeException e) {
            return Optional.of(new Pause(reason + " (its time, '" + since + "', cannot be read)", Instant.EPOCH));
        }
    }
}
