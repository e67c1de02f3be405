package dev.gazette.aws;

import static dev.gazette.aws.Table.PK;
import static dev.gazette.aws.Table.SK;
import static dev.gazette.aws.Table.key;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.digest.Digest;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.publish.Store;
import dev.gazette.publish.StoredTime;
import dev.gazette.render.RenderedPost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The catalog's store in the DynamoDB table (see {@link Table}): items mapped to records and back, every read
 * strongly consistent, and a ledger record replaced only on the condition that it is as the catalog read it.
 */
public final class DynamoCatalog implements Store {
    private static final String POST = "POST";
    private static final String HTML = "HTML";
    private static final String MAIL = "MAIL";
    private static final String CONTENT = "CONTENT";
    private static final String MOVED = "MOVED";
    private static final String PENDING = "PENDING";
    private static final String DIGEST = "DIGEST";
    private static final String DIGEST_POSTS = "POSTS#";
    /** The sort key of the item that says a digest's posts were all kept: no source, a relative path, starts so. */
    private static final String KEPT = "/kept";
    private static final String SETTINGS = "SETTINGS";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Snapshot load() {
        Map<String, AttributeValue> listing = get(key(SETTINGS, "listing"));
        long version = listing.containsKey("version") ? Long.parseLong(listing.get("version").n()) : 0;
        List<Entry> entries = query(POST).stream().map(DynamoCatalog::entry).toList();
        List<Mailing> mailings = query(MAIL).stream().map(DynamoCatalog::mailing).toList();
        Map<Note, Map<String, String>> notes = new EnumMap<>(Note.class);
        for (Note note : Note.values()) {
            Map<String, String> values = new HashMap<>();
            query(partition(note)).forEach(item -> values.put(string(item, SK), string(item, attribute(note))));
            notes.put(note, values);
        }
        List<Digest> digests = digests();
        String settings = string(get(key(SETTINGS, "render")), "value");
        return new Snapshot(version, settings, entries, mailings, notes, digests);
    }

    @Override
    public Map<String, String> html(Collection<String> sources) {
        Map<String, String> html = new HashMap<>();
        for (Map<String, AttributeValue> item : Table.getAll(dynamo, table,
                sources.stream().map(source -> key(HTML, source)).toList())) {
            html.put(string(item, SK), gunzip(item.get("html").b().asByteArray()));
        }
        return html;
    }

    @Override
    public void save(Entry entry) {
        if (entry.post() != null) {
            dynamo.putItem(request -> request.tableName(table).item(Map.of(
                    PK, s(HTML), SK, s(entry.source()), "html", AttributeValue.fromB(gzip(entry.post().html())))));
        }
        dynamo.putItem(request -> request.tableName(table).item(item(entry)));
    }

    @Override
    public void delete(String source) {
        dynamo.deleteItem(request -> request.tableName(table).key(key(POST, source)));
        dynamo.deleteItem(request -> request.tableName(table).key(key(HTML, source)));
    }

    @Override
    public boolean replace(String postId, Mailing expected, Mailing next) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_not_exists(pk)";
        if (expected != null) {
            names.put("#state", "state");
            values.put(":state", s(expected.state().name()));
            values.put(":since", s(expected.since().toString()));
            condition = "#state = :state AND since = :since AND ";
            if (expected.detail() == null) {
                condition += "attribute_not_exists(detail)";
            } else {
                values.put(":detail", s(expected.detail()));
                condition += "detail = :detail";
            }
        }
        String check = condition;
        try {
            if (next == null) {
                dynamo.deleteItem(request -> request.tableName(table).key(key(MAIL, postId)).conditionExpression(check)
                        .expressionAttributeNames(names.isEmpty() ? null : names)
                        .expressionAttributeValues(values.isEmpty() ? null : values));
            } else {
                dynamo.putItem(request -> request.tableName(table).item(item(next)).conditionExpression(check)
                        .expressionAttributeNames(names.isEmpty() ? null : names)
                        .expressionAttributeValues(values.isEmpty() ? null : values));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Mailing> mailing(String postId) {
        Map<String, AttributeValue> item = get(key(MAIL, postId));
        return item.isEmpty() ? Optional.empty() : Optional.of(mailing(item));
    }

    @Override
    public void note(Note note, String key, String value) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(note), key));
        if (value == null) {
            dynamo.deleteItem(request -> request.tableName(table).key(item));
            return;
        }
        item.put(attribute(note), s(value));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    private static String partition(Note note) {
        return switch (note) {
            case CONTENT -> CONTENT;
            case MOVED -> MOVED;
            case PENDING -> PENDING;
        };
    }

    /** The attribute a note's value is in: named for what it holds, as the items were before notes had kinds. */
    private static String attribute(Note note) {
        return switch (note) {
            case CONTENT -> "url";
            case MOVED -> "to";
            case PENDING -> "hash";
        };
    }

    @Override
    public boolean advanceListing(long seen) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(SETTINGS, "listing"))
                    .updateExpression("SET #version = :next")
                    .conditionExpression(seen == 0 ? "attribute_not_exists(#version)" : "#version = :seen")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(seen == 0 ? Map.of(":next", Table.n(1))
                            : Map.of(":next", Table.n(seen + 1), ":seen", Table.n(seen))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(Digest digest) {
        Map<String, AttributeValue> item = new HashMap<>(key(DIGEST, digest.id()));
        item.put("posts", AttributeValue.fromL(digest.postIds().stream().map(Table::s).toList()));
        item.put("created", s(digest.created().toString()));
        item.put("recipients", Table.n(digest.recipients()));
        if (digest.sent() != null) {
            item.put("sent", s(digest.sent().toString()));
        }
        if (digest.archived()) {
            item.put("archived", AttributeValue.fromBool(true));
        }
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    /** One Query of the digests' partition: the Bounce function reads nothing else of the catalog. */
    @Override
    public List<Digest> digests() {
        return query(DIGEST).stream().map(DynamoCatalog::digest).toList();
    }

    @Override
    public void savePosts(String digestId, List<RenderedPost> posts) {
        for (RenderedPost post : posts) {
            Map<String, AttributeValue> item = item(new Entry(post.source(), "", Entry.Kind.PUBLISHED, post.date(), post));
            item.putAll(key(DIGEST_POSTS + digestId, post.source()));
            item.put("html", AttributeValue.fromB(gzip(post.html())));
            dynamo.putItem(request -> request.tableName(table).item(item));
        }
        // Written last: a save stopped part-way, one item per post, is not taken for all of the digest's posts.
        Map<String, AttributeValue> kept = new HashMap<>(key(DIGEST_POSTS + digestId, KEPT));
        kept.put("count", Table.n(posts.size()));
        dynamo.putItem(request -> request.tableName(table).item(kept));
    }

    @Override
    public List<RenderedPost> posts(String digestId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(query(DIGEST_POSTS + digestId));
        Optional<Map<String, AttributeValue>> kept = items.stream().filter(item -> item.get(SK).s().equals(KEPT))
                .findFirst();
        items.removeIf(item -> item.get(SK).s().equals(KEPT));
        if (kept.isEmpty() || Long.parseLong(kept.get().get("count").n()) != items.size()) {
            return List.of();
        }
        return items.stream()
                .map(item -> entry(item).post().withHtml(gunzip(item.get("html").b().asByteArray())))
                .toList();
    }

    @Override
    public void saveSettings(String settings) {
        dynamo.putItem(request -> request.tableName(table)
                .item(Map.of(PK, s(SETTINGS), SK, s("render"), "value", s(settings))));
    }

    /** The item with this key, or an empty map. */
    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key)
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private List<Map<String, AttributeValue>> query(String partition) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(partition))).build();
        dynamo.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    private static Map<String, AttributeValue> item(Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(POST, entry.source()));
        item.put("hash", s(entry.hash()));
        item.put("kind", s(entry.kind().name()));
        if (entry.date() != null) {
            item.put("date", s(entry.date().toString()));
        }
        RenderedPost post = entry.post();
        if (post != null) {
            item.put("url", s(post.url()));
            item.put("path", s(post.path()));
            item.put("title", s(post.title()));
            item.put("updated", s(post.updated().toString()));
            item.put("summary", s(post.summary()));
            item.put("tags", list(post.tags()));
            item.put("authors", list(post.authors()));
            if (post.image() != null) {
                item.put("image", s(post.image()));
            }
            item.put("email", AttributeValue.fromBool(post.email()));
            item.put("linked", list(List.copyOf(post.linkedPosts())));
            item.put("aliases", list(post.aliases()));
        }
        return item;
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        String source = string(item, SK);
        Entry.Kind kind = Entry.Kind.valueOf(string(item, "kind"));
        Instant date = item.containsKey("date") ? StoredTime.parse(string(item, "date")) : null;
        RenderedPost post = null;
        if (kind == Entry.Kind.PUBLISHED) {
            post = new RenderedPost(source, string(item, "url"), string(item, "path"), string(item, "title"), date,
                    StoredTime.parse(string(item, "updated")), string(item, "summary"), strings(item, "tags"),
                    strings(item, "authors"), string(item, "image"), "", item.get("email").bool(),
                    new LinkedHashSet<>(strings(item, "linked")), strings(item, "aliases"));
        }
        return new Entry(source, string(item, "hash"), kind, date, post);
    }

    private static Map<String, AttributeValue> item(Mailing mailing) {
        Map<String, AttributeValue> item = new HashMap<>(key(MAIL, mailing.postId()));
        item.put("state", s(mailing.state().name()));
        if (mailing.detail() != null) {
            item.put("detail", s(mailing.detail()));
        }
        item.put("since", s(mailing.since().toString()));
        return item;
    }

    private static Mailing mailing(Map<String, AttributeValue> item) {
        return new Mailing(string(item, SK), Mailing.State.valueOf(string(item, "state")), string(item, "detail"),
                StoredTime.parse(string(item, "since")));
    }

    private static Digest digest(Map<String, AttributeValue> item) {
        return new Digest(string(item, SK), strings(item, "posts"), StoredTime.parse(string(item, "created")),
                item.containsKey("sent") ? StoredTime.parse(string(item, "sent")) : null,
                Integer.parseInt(item.get("recipients").n()),
                item.containsKey("archived") && Boolean.TRUE.equals(item.get("archived").bool()));
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Table::s).toList());
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static SdkBytes gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
