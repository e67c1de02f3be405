package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.publish.Store;
import dev.gazette.publish.StoreContract;
import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The store contract, against DynamoDB as dynalite implements it. */
class DynamoCatalogTest extends StoreContract {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
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
    protected Store store() {
        table = Emulators.start().createTable();
        return new DynamoCatalog(dynamo, table);
    }

    @Override
    protected Store reopen() {
        return new DynamoCatalog(dynamo, table);
    }

    @Test
    void aDigestsPostsKeptOnlyInPartAreNotTakenForAllOfThem() throws Exception {
        Store store = store();
        List<RenderedPost> posts = List.of(post("alpha", "2024-05-01T00:00:00Z"), post("beta", "2024-05-02T00:00:00Z"));
        String beta = posts.get(1).source();
        Faults.on("DynamoDb", "PutItem").where(PutItemRequest.class, put -> put.item().get("sk").s().equals(beta))
                .refuse();
        try {
            assertThrows(RuntimeException.class, () -> store.savePosts("d1", posts));
        } finally {
            Faults.clear();
        }
        assertEquals(List.of(), reopen().posts("d1"), "the first post alone is not the digest's posts");

        store.savePosts("d1", posts);
        assertEquals(Set.copyOf(posts), Set.copyOf(reopen().posts("d1")));
    }

    @Test
    void readsTheDigestsWithOneQueryOfTheirPartitionAndNoScan() throws Exception {
        Catalog catalog = catalog();
        catalog.put(published(post("a", "2024-05-01T00:00:00Z")));
        Store store = reopen();
        store.save(new Digest("d1", List.of("p1"), NOW, NOW, 2));
        Faults.Rule ofDigests = Faults.on("DynamoDb", "Query")
                .where(QueryRequest.class, query -> query.expressionAttributeValues().get(":pk").s().equals("DIGEST"))
                .observe();
        Faults.Rule others = Faults.on("DynamoDb", "Query")
                .where(QueryRequest.class, query -> !query.expressionAttributeValues().get(":pk").s().equals("DIGEST"))
                .observe();
        Faults.Rule scans = Faults.on("DynamoDb", "Scan").observe();
        Faults.Rule gets = Faults.on("DynamoDb", "GetItem").observe();
        try {
            assertEquals(List.of("d1"), store.digests().stream().map(Digest::id).toList());
        } finally {
            Faults.clear();
        }
        assertEquals(1, ofDigests.calls());
        assertEquals(0, others.calls() + scans.calls() + gets.calls(), "nothing but the digests is read");
    }

    @Test
    void keepsLargePostsCompressed() throws Exception {
        Catalog catalog = catalog();
        String html = "<p>" + "A long post. ".repeat(60_000) + "</p>";
        RenderedPost big = post("big", "2024-05-01T00:00:00Z").withHtml(html);
        catalog.put(new Entry(big.source(), "h", Entry.Kind.PUBLISHED, big.date(), big));
        assertEquals(List.of(big), reopen(catalog).newest(1));
    }

    @Test
    void aLedgerChangeMadeByAnotherRunIsReadBeforeTheRulesApply() throws Exception {
        Catalog mine = catalog();
        Catalog theirs = reopen(mine);
        assertTrue(theirs.addMailing(new Mailing("p1", Mailing.State.DUE, null, NOW)));
        assertTrue(theirs.claim("p1", "their-digest", NOW));

        assertFalse(mine.addMailing(new Mailing("p1", Mailing.State.DUE, null, NOW)), "decided already, by the other run");
        assertFalse(mine.claim("p1", "my-digest", NOW));
        assertFalse(mine.withdraw("p1"));
        assertTrue(theirs.claim("p1", "their-digest", NOW), "claiming again for the same digest holds");
        assertEquals("their-digest", reopen(mine).mailing("p1").orElseThrow().detail());
    }

    @Test
    void aLedgerChangeMadeByAnotherRunIsReadAloneNotWithTheWholeCatalog() throws Exception {
        Catalog mine = catalog();
        mine.put(published(post("a", "2024-05-01T00:00:00Z")));
        assertTrue(mine.addMailing(new Mailing("p1", Mailing.State.DUE, null, NOW)));
        Catalog theirs = reopen(mine);
        assertTrue(theirs.claim("p1", "their-digest", NOW));
        Faults.Rule queries = Faults.on("DynamoDb", "Query").observe();
        Faults.Rule record = Faults.on("DynamoDb", "GetItem")
                .where(GetItemRequest.class, get -> get.key().get("pk").s().equals("MAIL")
                        && get.key().get("sk").s().equals("p1"))
                .observe();
        Faults.Rule gets = Faults.on("DynamoDb", "GetItem").observe();
        try {
            assertFalse(mine.claim("p1", "my-digest", NOW), "their digest took it first");
            assertTrue(mine.claim("p1", "their-digest", NOW), "as the record is now, their digest holds it");
        } finally {
            Faults.clear();
        }
        assertEquals(0, queries.calls(), "no partition is read again");
        assertEquals(1, record.calls());
        assertEquals(1, gets.calls(), "that record is all that is read");
    }
}
