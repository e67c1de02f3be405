package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gazette.publish.Catalog;
import dev.gazette.publish.CatalogContract;
import dev.gazette.publish.Entry;
import dev.gazette.render.RenderedPost;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The catalog contract, against DynamoDB as dynalite implements it. */
class DynamoCatalogTest extends CatalogContract {
    private static DynamoDbClient dynamo;
    private String table;

    @BeforeAll
    static void start() {
        dynamo = Emulators.start().dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Override
    protected Catalog catalog() {
        table = Emulators.start().createTable();
        return new DynamoCatalog(dynamo, table);
    }

    @Override
    protected Catalog reopen(Catalog catalog) {
        return new DynamoCatalog(dynamo, table);
    }

    @Test
    void keepsLargePostsCompressed() {
        Catalog catalog = catalog();
        String html = "<p>" + "A long post. ".repeat(60_000) + "</p>";
        RenderedPost post = post("big", "2024-05-01T00:00:00Z");
        RenderedPost big = new RenderedPost(post.source(), post.url(), post.path(), post.title(), post.date(),
                post.updated(), post.summary(), post.tags(), post.authors(), post.image(), html, true, post.linkedPosts());
        catalog.put(new Entry(big.source(), "h", Entry.Kind.PUBLISHED, big.date(), big));
        assertEquals(List.of(big), reopen(catalog).newest(1));
    }
}
