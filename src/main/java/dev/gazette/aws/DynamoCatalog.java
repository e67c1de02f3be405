package dev.gazette.aws;

import static dev.gazette.aws.Table.PK;
import static dev.gazette.aws.Table.SK;
import static dev.gazette.aws.Table.key;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.digest.Digest;
import dev.gazette.feed.Feeds;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The catalog in the DynamoDB table (see {@link Table}). The posts' metadata is read once per run, with a
 * strongly consistent query, and answered from memory; their HTML is fetched only for the posts a feed shows.
 * Ledger changes are conditional writes, so publishers and digests running at once never undo each other.
 */
public final class DynamoCatalog implements Catalog {
    private static final String POST = "POST";
    private static final String HTML = "HTML";
    private static final String MAIL = "MAIL";
    private static final String CONTENT = "CONTENT";
    private static final String MOVED = "MOVED";
    private static final String DIGEST = "DIGEST";
    private static final String SETTINGS = "SETTINGS";
    private static final Comparator<RenderedPost> NEWEST_FIRST =
            Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url);

    private final DynamoDbClient dynamo;
    private final String table;
    private Map<String, Entry> entries;
    private final Map<String, String> html = new java.util.concurrent.ConcurrentHashMap<>();

    public DynamoCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Entry> entry(String source) {
        return Optional.ofNullable(entries().get(source));
    }

    @Override
    public Set<String> sources() {
        return Set.copyOf(entries().keySet());
    }

    @Override
    public List<Entry> entries(Entry.Kind kind) {
        return entries().values().stream().filter(entry -> entry.kind() == kind).toList();
    }

    @Override
    public void put(Entry entry) {
        if (entry.post() != null) {
            dynamo.putItem(request -> request.tableName(table).item(Map.of(
                    PK, s(HTML), SK, s(entry.source()), "html", AttributeValue.fromB(gzip(entry.post().html())))));
            html.put(entry.source(), entry.post().html());
        }
        dynamo.putItem(request -> request.tableName(table).item(item(entry)));
        entries().put(entry.source(), entry);
    }

    @Override
    public void remove(String source) {
        dynamo.deleteItem(request -> request.tableName(table).key(key(POST, source)));
        dynamo.deleteItem(request -> request.tableName(table).key(key(HTML, source)));
        entries().remove(source);
        html.remove(source);
    }

    @Override
    public synchronized void refresh() {
        entries = null;
        html.clear();
    }

    @Override
    public long listingVersion() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(SETTINGS, "listing")).consistentRead(true)).item();
        return item == null || !item.containsKey("version") ? 0 : Long.parseLong(item.get("version").n());
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
    public Optional<String> atPath(String path) {
        return entries().values().stream()
                .filter(entry -> entry.post() != null && entry.post().path().equals(path))
                .map(Entry::source)
                .findFirst();
    }

    @Override
    public Optional<RenderedPost> published(String url) {
        return withHtml(published(post -> post.url().equals(url), 1)).stream().findFirst();
    }

    @Override
    public List<RenderedPost> newest(int limit) {
        return withHtml(published(post -> true, limit));
    }

    @Override
    public List<RenderedPost> newestTagged(String tagKey, int limit) {
        return withHtml(published(post -> post.tags().stream().anyMatch(tag -> Feeds.key(tag).equals(tagKey)), limit));
    }

    /** Without their HTML: the index shows titles and summaries only. */
    @Override
    public List<RenderedPost> index() {
        return published(post -> true, Integer.MAX_VALUE);
    }

    @Override
    public List<Entry> linkingTo(Set<String> sources) {
        return entries().values().stream()
                .filter(entry -> entry.post() != null
                        && entry.post().linkedPosts().stream().anyMatch(sources::contains))
                .toList();
    }

    @Override
    public List<Entry> scheduledUntil(Instant now) {
        return entries().values().stream()
                .filter(entry -> entry.kind() == Entry.Kind.SCHEDULED && !entry.date().isAfter(now))
                .toList();
    }

    @Override
    public Optional<String> lastPublishedAt(String hash) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(CONTENT, hash)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(string(item, "url"));
    }

    @Override
    public void notePublishedAt(String hash, String url) {
        Map<String, AttributeValue> item = new HashMap<>(key(CONTENT, hash));
        item.put("url", s(url));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    @Override
    public Optional<Mailing> mailing(String postId) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(MAIL, postId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(mailing(item));
    }

    @Override
    public boolean addMailing(Mailing mailing) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(item(mailing))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Mailing> due() {
        List<Mailing> due = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(MAIL)) {
            Mailing mailing = mailing(item);
            if (mailing.state() == Mailing.State.DUE) {
                due.add(mailing);
            }
        }
        return due;
    }

    @Override
    public boolean claim(String postId, String digestId, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(MAIL, postId))
                    .updateExpression("SET #state = :in, detail = :digest, since = :now")
                    .conditionExpression("#state = :due OR (#state = :in AND detail = :digest)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":in", s(Mailing.State.IN_DIGEST.name()),
                            ":due", s(Mailing.State.DUE.name()), ":digest", s(digestId), ":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<String> movedTo(String url) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(MOVED, url)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(string(item, "to"));
    }

    @Override
    public void noteMoved(String from, String to) {
        dynamo.putItem(request -> request.tableName(table).item(Map.of(PK, s(MOVED), SK, s(from), "to", s(to))));
    }

    @Override
    public boolean withdraw(String postId) {
        try {
            dynamo.deleteItem(request -> request.tableName(table).key(key(MAIL, postId))
                    .conditionExpression("#state = :due")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":due", s(Mailing.State.DUE.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean skip(String postId, String reason, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(MAIL, postId))
                    .updateExpression("SET #state = :skipped, detail = :reason, since = :now")
                    .conditionExpression("#state = :due")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":skipped", s(Mailing.State.SKIPPED.name()),
                            ":due", s(Mailing.State.DUE.name()), ":reason", s(reason), ":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Digest> openDigests() {
        List<Digest> open = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(DIGEST)) {
            if (!item.containsKey("sent")) {
                open.add(digest(item));
            }
        }
        open.sort(Comparator.comparing(Digest::created));
        return open;
    }

    /** The ids of the latest digests sent, the latest last: to tell soft bounces in a row. */
    public List<String> recentlySent(int count) {
        List<Digest> sent = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(DIGEST)) {
            if (item.containsKey("sent")) {
                sent.add(digest(item));
            }
        }
        sent.sort(Comparator.comparing(Digest::sent));
        return sent.subList(Math.max(0, sent.size() - count), sent.size()).stream().map(Digest::id).toList();
    }

    /** A digest by its id, sent or not. */
    public Optional<Digest> digest(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(DIGEST, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(digest(item));
    }

    @Override
    public void putDigest(Digest digest) {
        Map<String, AttributeValue> item = new HashMap<>(key(DIGEST, digest.id()));
        item.put("posts", AttributeValue.fromL(digest.postIds().stream().map(Table::s).toList()));
        item.put("created", s(digest.created().toString()));
        item.put("recipients", Table.n(digest.recipients()));
        if (digest.sent() != null) {
            item.put("sent", s(digest.sent().toString()));
        }
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    @Override
    public Optional<String> settings() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(key(SETTINGS, "render")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(string(item, "value"));
    }

    @Override
    public void putSettings(String settings) {
        if (!settings().orElse("").equals(settings)) {
            dynamo.putItem(request -> request.tableName(table)
                    .item(Map.of(PK, s(SETTINGS), SK, s("render"), "value", s(settings))));
        }
    }

    /** Read once, then from memory; synchronised, since posts render in parallel and look up their links here. */
    private synchronized Map<String, Entry> entries() {
        if (entries == null) {
            Map<String, Entry> loaded = new TreeMap<>();
            for (Map<String, AttributeValue> item : query(POST)) {
                Entry entry = entry(item);
                loaded.put(entry.source(), entry);
            }
            entries = loaded;
        }
        return entries;
    }

    private List<Map<String, AttributeValue>> query(String partition) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(partition))).build();
        dynamo.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    private List<RenderedPost> published(Predicate<RenderedPost> filter, int limit) {
        return entries().values().stream()
                .map(Entry::post)
                .filter(post -> post != null && filter.test(post))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    /** The posts with their HTML, fetched in batches for those not fetched before. */
    private List<RenderedPost> withHtml(List<RenderedPost> posts) {
        List<String> missing = posts.stream().map(RenderedPost::source).filter(source -> !html.containsKey(source))
                .toList();
        for (Map<String, AttributeValue> item : Table.getAll(dynamo, table,
                missing.stream().map(source -> key(HTML, source)).toList())) {
            html.put(string(item, SK), gunzip(item.get("html").b().asByteArray()));
        }
        List<RenderedPost> full = new ArrayList<>();
        for (RenderedPost post : posts) {
            full.add(new RenderedPost(post.source(), post.url(), post.path(), post.title(), post.date(), post.updated(),
                    post.summary(), post.tags(), post.authors(), post.image(), html.getOrDefault(post.source(), ""),
                    post.email(), post.linkedPosts()));
        }
        return full;
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
        }
        return item;
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        String source = string(item, SK);
        Entry.Kind kind = Entry.Kind.valueOf(string(item, "kind"));
        Instant date = item.containsKey("date") ? Instant.parse(string(item, "date")) : null;
        RenderedPost post = null;
        if (kind == Entry.Kind.PUBLISHED) {
            post = new RenderedPost(source, string(item, "url"), string(item, "path"), string(item, "title"), date,
                    Instant.parse(string(item, "updated")), string(item, "summary"), strings(item, "tags"),
                    strings(item, "authors"), string(item, "image"), "", item.get("email").bool(),
                    new LinkedHashSet<>(strings(item, "linked")));
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
                Instant.parse(string(item, "since")));
    }

    private static Digest digest(Map<String, AttributeValue> item) {
        return new Digest(string(item, SK), strings(item, "posts"), Instant.parse(string(item, "created")),
                item.containsKey("sent") ? Instant.parse(string(item, "sent")) : null,
                Integer.parseInt(item.get("recipients").n()));
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
