package dev.gazette.aws;

import static dev.gazette.aws.Table.key;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.publish.StoredTime;
import dev.gazette.publish.UncertainSends;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The send records {@link SesMailer} writes ({@code SEND#digest / address}), read for the ones without an outcome:
 * neither SES's message id nor a refusal.
 */
public final class DynamoSendRecords implements UncertainSends.Records {
    private static final String PREFIX = "SEND#";
    private static final String UNSETTLED = "attribute_not_exists(messageId) AND attribute_not_exists(rejected)";
    /** Stands for SES's message id in a send a person marked as sent. */
    static final String MARKED_SENT = "marked-sent";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSendRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One digest's records are one query; all of them are a scan of the table, as long as the table is large. */
    @Override
    public List<UncertainSends.Send> unsettled(String digest) {
        Map<String, String> names = Map.of("#pk", Table.PK);
        Iterable<Map<String, AttributeValue>> items = digest == null
                ? dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)
                        .filterExpression("begins_with(#pk, :send) AND " + UNSETTLED)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":send", s(PREFIX)))).items()
                : dynamo.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :digest").filterExpression(UNSETTLED)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":digest", s(PREFIX + digest)))).items();
        List<UncertainSends.Send> sends = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            sends.add(send(item));
        }
        return sends;
    }

    @Override
    public Optional<UncertainSends.Send> unsettled(String digest, String address) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(PREFIX + digest, address)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || string(item, "messageId") != null || string(item, "rejected") != null) {
            return Optional.empty();
        }
        return Optional.of(send(item));
    }

    @Override
    public boolean markSent(UncertainSends.Send send, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(PREFIX + send.digest(), send.address()))
                    .updateExpression("SET messageId = :marked, sent = :now")
                    .conditionExpression("claimed = :claimed AND " + UNSETTLED)
                    .expressionAttributeValues(Map.of(":marked", s(MARKED_SENT), ":now", s(now.toString()),
                            ":claimed", s(send.claimed().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean release(UncertainSends.Send send) {
        try {
            dynamo.deleteItem(request -> request.tableName(table).key(key(PREFIX + send.digest(), send.address()))
                    .conditionExpression("claimed = :claimed AND " + UNSETTLED)
                    .expressionAttributeValues(Map.of(":claimed", s(send.claimed().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void restore(UncertainSends.Send send) {
        Map<String, AttributeValue> item = new HashMap<>(key(PREFIX + send.digest(), send.address()));
        item.put("claimed", s(send.claimed().toString()));
        item.put(Table.EXPIRES, Table.n(send.claimed().plus(SesMailer.KEEP_RECORDS).getEpochSecond()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Claimed again meanwhile: that claim stands.
        }
    }

    private static UncertainSends.Send send(Map<String, AttributeValue> item) {
        return new UncertainSends.Send(string(item, Table.PK).substring(PREFIX.length()), string(item, Table.SK),
                StoredTime.parse(string(item, "claimed")));
    }
}
