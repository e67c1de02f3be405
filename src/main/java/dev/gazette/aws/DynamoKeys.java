package dev.gazette.aws;

import static dev.gazette.aws.Table.PK;
import static dev.gazette.aws.Table.SK;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.subscriber.KeySet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The keys that sign subscription links, in the table under {@code KEYS / links} as their text: made by the first
 * function that needs them, so nobody types a secret, and costing nothing while idle.
 */
public final class DynamoKeys {
    private static final Map<String, AttributeValue> KEY = Table.key("KEYS", "links");
    private static final String TEXT = "keys";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoKeys(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The keys, made now if the table has none: the first caller's conditional put wins, and a caller that loses
     * the race reads the winner's.
     *
     * @param legacy the secret a stack signed with before key ids, which then goes on signing as the legacy key
     *               until a rotation; null for a new random key
     */
    public KeySet loadOrCreate(byte[] legacy) {
        Optional<KeySet> stored = read();
        if (stored.isPresent()) {
            return stored.get();
        }
        KeySet made = legacy == null ? KeySet.random() : KeySet.legacy(legacy);
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(Map.of(PK, KEY.get(PK), SK, KEY.get(SK), TEXT, s(made.text())))
                    .conditionExpression("attribute_not_exists(pk)"));
            return made;
        } catch (ConditionalCheckFailedException e) {
            return read().orElseThrow(() -> new IllegalStateException("the keys in " + table + " vanished"));
        }
    }

    /** The keys as stored now, if any. */
    public Optional<KeySet> read() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(KEY)
                .consistentRead(true)).item();
        String text = item == null ? null : string(item, TEXT);
        return text == null ? Optional.empty() : Optional.of(parse(text));
    }

    /**
     * A new current key, the one it replaces verifying for {@code keepPrevious}; refused if another rotation
     * changed the keys meanwhile.
     */
    public KeySet rotate(Instant now, Duration keepPrevious) {
        String before = Optional.ofNullable(dynamo.getItem(request -> request.tableName(table).key(KEY)
                .consistentRead(true)).item()).map(item -> string(item, TEXT)).orElseThrow(() ->
                new IllegalStateException("the table " + table + " holds no keys to rotate yet; the functions make"
                        + " them when they first sign a link"));
        KeySet rotated = parse(before).rotate(now, keepPrevious);
        try {
            dynamo.updateItem(request -> request.tableName(table).key(KEY)
                    .updateExpression("SET #keys = :after").conditionExpression("#keys = :before")
                    .expressionAttributeNames(Map.of("#keys", TEXT))
                    .expressionAttributeValues(Map.of(":after", s(rotated.text()), ":before", s(before))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("the keys in " + table + " changed while they were rotated: run the"
                    + " rotation again", e);
        }
        return rotated;
    }

    private KeySet parse(String text) {
        try {
            return KeySet.parse(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException damage) {
            throw new IllegalStateException("the keys that sign links in " + table + " (item KEYS/links) "
                    + damage.getMessage(), damage);
        }
    }
}
