package dev.gazette.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The site's URL as the stack wrote it into the table: its CloudFront URL, known only once the distribution is
 * made, which the functions cannot be given in their environment (the distribution routes the endpoints to the API,
 * whose integrations are the functions).
 */
public final class DynamoSiteUrl {
    private static final String URL = "url";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSiteUrl(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The URL written last; empty before the stack wrote one. */
    public Optional<URI> read() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(Table.key("SETTINGS", "site-url")).consistentRead(true)).item();
        return Optional.ofNullable(item == null ? null : Table.string(item, URL)).map(URI::create);
    }

    public void write(URI url) {
        dynamo.putItem(request -> request.tableName(table)
                .item(Map.of(Table.PK, Table.s("SETTINGS"), Table.SK, Table.s("site-url"), URL,
                        Table.s(url.toString()))));
    }
}
