package dev.gazette.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The layout of Gazette's one DynamoDB table, shared by every adapter and by {@code template.yaml}. Each kind of
 * item has its own partition key prefix, so no query ever reads items of another kind:
 * <pre>
 *   POST           / source      a file of the posts bucket (the catalog)
 *   HTML           / source      a published post's rendered HTML, apart so the catalog is cheap to read
 *   MAIL           / post id     whether a post is due for email, skipped, or in a digest
 *   CONTENT        / file hash   the permalink a post of this content was last published at
 *   MOVED          / permalink   where a post once at that permalink moved to
 *   PENDING        / source      a file a Publish run began and did not finish: the next run does it again
 *   DIGEST         / digest id   a digest and whether it has gone out
 *   POSTS#digest id / source     a post of a digest as it sends it, HTML and all
 *   SEND#digest id / recipient   one email of a digest: claimed before it is sent, its SES message id after
 *   SUB#address    / SUB         a subscriber, its state also in list, for the ByState index
 *   SETTINGS       / render      what the published posts were rendered with
 *   SETTINGS       / listing     how many times the listings were written, for publishers to take turns
 *   KEYS           / links       the keys that sign subscription links (see DynamoKeys)
 *   CLIENT#hash#hour / COUNT     confirmations one client caused in an hour (see DynamoClientCounts)
 *   SETTINGS       / sending     there while the sending of digests is paused: why, and since when
 *   SETTINGS       / site-url    the site's CloudFront URL, written by the stack when it has no domain of its own
 * </pre>
 */
public final class Table {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** The time-to-live attribute, in epoch seconds: pending subscribers and send records expire. */
    public static final String EXPIRES = "expires";
    /** The subscribers by state: partition {@code list} (confirmed, pending, …), sort {@code pk}. */
    public static final String STATE_INDEX = "ByState";
    public static final String LIST = "list";
    /** The most keys one BatchGetItem takes. */
    private static final int BATCH_GET = 100;

    private Table() {
    }

    /** The items with these keys that exist, strongly consistent, in as few requests as DynamoDB allows. */
    static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table,
                                                   List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            Map<String, KeysAndAttributes> unprocessed = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET))).consistentRead(true).build());
            while (!unprocessed.isEmpty()) {
                Map<String, KeysAndAttributes> request = unprocessed;
                BatchGetItemResponse response = dynamo.batchGetItem(batch -> batch.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                unprocessed = response.unprocessedKeys();
            }
        }
        return items;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }
}
