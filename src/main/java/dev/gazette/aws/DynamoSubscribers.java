package dev.gazette.aws;

import static dev.gazette.aws.Table.PK;
import static dev.gazette.aws.Table.SK;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Subscribers in the table: one item each under {@code SUB#address}. Confirmed ones carry {@code list=confirmed},
 * so the sparse {@link Table#CONFIRMED_INDEX} holds exactly them and a digest pages through it without reading
 * anyone else.
 */
public final class DynamoSubscribers implements SubscriberList {
    static final String CONFIRMED = "confirmed";
    private static final int BATCH_GET = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscribers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String address) {
        return Table.key("SUB#" + address, "SUB");
    }

    @Override
    public Page confirmed(String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Table.CONFIRMED_INDEX)
                .keyConditionExpression("#list = :confirmed")
                .expressionAttributeNames(Map.of("#list", Table.LIST))
                .expressionAttributeValues(Map.of(":confirmed", s(CONFIRMED)))
                .limit(limit);
        if (cursor != null) {
            String pk = "SUB#" + cursor;
            query.exclusiveStartKey(Map.of(Table.LIST, s(CONFIRMED), PK, s(pk), SK, s("SUB")));
        }
        QueryResponse response = dynamo.query(query.build());
        List<Subscriber> subscribers = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            subscribers.add(new Subscriber(string(item, "email"), string(item, "name")));
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? string(response.lastEvaluatedKey(), PK).substring("SUB#".length()) : null;
        return new Page(subscribers, next);
    }

    @Override
    public Set<String> mailable(Collection<String> addresses) {
        Set<String> mailable = new HashSet<>();
        List<String> unique = List.copyOf(new LinkedHashSet<>(addresses));
        for (int from = 0; from < unique.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = unique.subList(from, Math.min(unique.size(), from + BATCH_GET))
                    .stream().map(DynamoSubscribers::key).toList();
            Map<String, KeysAndAttributes> unprocessed = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!unprocessed.isEmpty()) {
                Map<String, KeysAndAttributes> request = unprocessed;
                var response = dynamo.batchGetItem(batch -> batch.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    if (CONFIRMED.equals(string(item, Table.LIST))) {
                        mailable.add(string(item, "email"));
                    }
                }
                unprocessed = response.unprocessedKeys();
            }
        }
        return mailable;
    }

    /** Adds or replaces a confirmed subscriber. */
    public void putConfirmed(Subscriber subscriber) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriber.email()));
        item.put("email", s(subscriber.email()));
        if (subscriber.name() != null) {
            item.put("name", s(subscriber.name()));
        }
        item.put("status", s("CONFIRMED"));
        item.put(Table.LIST, s(CONFIRMED));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }
}
