package dev.gazette.aws;

import static dev.gazette.aws.Table.PK;
import static dev.gazette.aws.Table.SK;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.mail.Email;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Subscribers in the table: one item each under {@code SUB#address}. Each carries its state in {@code list}, so
 * the {@link Table#STATE_INDEX} index pages through the confirmed ones for a digest without reading anyone
 * else. Pending ones expire by the table's time to live.
 */
public final class DynamoSubscribers implements SubscriberStore {
    static final String CONFIRMED = "confirmed";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscribers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Addresses that differ only in case are one subscriber: people type their address either way. */
    static Map<String, AttributeValue> key(String address) {
        return Table.key("SUB#" + Email.recipient(address), "SUB");
    }

    @Override
    public Optional<Subscription> get(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key(address))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(subscription(item));
    }

    @Override
    public boolean create(Subscription subscription) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(item(subscription))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void put(Subscription subscription) {
        dynamo.putItem(request -> request.tableName(table).item(item(subscription)));
    }

    @Override
    public boolean update(Subscription read, Subscription next) {
        Set<Subscription.Field> fields = read.changesTo(next);
        if (fields.isEmpty()) {
            return get(read.email()).filter(stored -> stored.unchangedSince(read, fields)).isPresent();
        }
        Update update = new Update();
        update.expect("#status", "status", s(read.status().name()));
        for (Subscription.Field field : fields) {
            String attribute = attribute(field);
            AttributeValue was = value(field, read);
            if (field == Subscription.Field.SOFT_BOUNCES && was != null) {
                update.expectList("#" + attribute, attribute, read.softBounces());
            } else if (was == null) {
                update.expectAbsent("#" + attribute, attribute);
            } else {
                update.expect("#" + attribute, attribute, was);
            }
            update.set("#" + attribute, attribute, value(field, next));
        }
        if (fields.contains(Subscription.Field.STATUS)) {
            update.set("#" + Table.LIST, Table.LIST, s(list(next.status())));
            update.set("#" + Table.EXPIRES, Table.EXPIRES, expires(next));
        }
        try {
            dynamo.updateItem(update.request(table, key(read.email())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** An UpdateItem of some attributes, on the condition that others are as read. */
    private static final class Update {
        private final List<String> conditions = new ArrayList<>();
        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        void expect(String name, String attribute, AttributeValue value) {
            names.put(name, attribute);
            values.put(":was" + values.size(), value);
            conditions.add(name + " = :was" + (values.size() - 1));
        }

        /**
         * A list is compared by its length and last element (DynamoDB's emulators compare no lists): enough for
         * soft bounces, which only grow at the end with a new digest, so no two states share both.
         */
        void expectList(String name, String attribute, List<String> list) {
            names.put(name, attribute);
            values.put(":was" + values.size(), Table.n(list.size()));
            conditions.add("size(" + name + ") = :was" + (values.size() - 1));
            values.put(":was" + values.size(), s(list.get(list.size() - 1)));
            conditions.add(name + "[" + (list.size() - 1) + "] = :was" + (values.size() - 1));
        }

        void expectAbsent(String name, String attribute) {
            names.put(name, attribute);
            conditions.add("attribute_not_exists(" + name + ")");
        }

        /** @param value null to remove the attribute */
        void set(String name, String attribute, AttributeValue value) {
            names.put(name, attribute);
            if (value == null) {
                removes.add(name);
            } else {
                values.put(":new" + values.size(), value);
                sets.add(name + " = :new" + (values.size() - 1));
            }
        }

        UpdateItemRequest request(String table, Map<String, AttributeValue> key) {
            String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                    + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
            return UpdateItemRequest.builder().tableName(table).key(key)
                    .updateExpression(expression.strip())
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build();
        }
    }

    private static String attribute(Subscription.Field field) {
        return switch (field) {
            case NAME -> "name";
            case STATUS -> "status";
            case CHANGED -> "changed";
            case CONFIRMATION_SENT -> "confirmationSent";
            case REASON -> "reason";
            case SOFT_BOUNCES -> "softBounces";
            case TOPICS -> "topics";
            case WELCOMED -> "welcomed";
        };
    }

    /** The attribute's value for {@code field}, as {@link #item} writes it; null when it has none. */
    private static AttributeValue value(Subscription.Field field, Subscription subscription) {
        return switch (field) {
            case NAME -> subscription.name() == null ? null : s(subscription.name());
            case STATUS -> s(subscription.status().name());
            case CHANGED -> s(subscription.changed().toString());
            case CONFIRMATION_SENT -> subscription.confirmationSent() == null ? null
                    : Table.n(subscription.confirmationSent().toEpochMilli());
            case REASON -> subscription.reason() == null ? null : s(subscription.reason());
            case SOFT_BOUNCES -> subscription.softBounces().isEmpty() ? null
                    : AttributeValue.fromL(subscription.softBounces().stream().map(Table::s).toList());
            // One string, so a condition compares it whole: a topic is a tag's key, which holds no line break.
            case TOPICS -> subscription.topics().isEmpty() ? null : s(String.join("\n", subscription.topics()));
            case WELCOMED -> subscription.welcomed() == null ? null : Table.n(subscription.welcomed().toEpochMilli());
        };
    }

    /** Only a pending subscription that never left expires. */
    private static AttributeValue expires(Subscription subscription) {
        return subscription.status() == Subscription.Status.PENDING && !subscription.hasLeft()
                ? Table.n(subscription.forgettableAfter().getEpochSecond()) : null;
    }

    @Override
    public boolean claimConfirmation(String address, Instant now, Duration cooldown) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(address))
                    .updateExpression("SET confirmationSent = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(confirmationSent)"
                            + " OR confirmationSent < :cutoff)")
                    .expressionAttributeValues(Map.of(":now", Table.n(now.toEpochMilli()),
                            ":cutoff", Table.n(now.minus(cooldown).toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        try {
            // A record that expires lives on as long as the link just sent: only pending ones carry the attribute.
            dynamo.updateItem(request -> request.tableName(table).key(key(address))
                    .updateExpression("SET #expires = :expires")
                    .conditionExpression("attribute_exists(#expires)")
                    .expressionAttributeNames(Map.of("#expires", Table.EXPIRES))
                    .expressionAttributeValues(Map.of(":expires",
                            Table.n(now.plus(PENDING_LIFETIME).getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            // Kept for good (an address that had left), or confirmed meanwhile: nothing to extend.
        } catch (SdkException e) {
            // The claim is taken and the email goes; the record then lives its first span, as before.
        }
        return true;
    }

    @Override
    public void releaseConfirmation(String address, Instant claimed) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(address))
                    .updateExpression("REMOVE confirmationSent")
                    .conditionExpression("confirmationSent = :claimed")
                    .expressionAttributeValues(Map.of(":claimed", Table.n(claimed.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            // Claimed again since, or removed: that stands.
        }
    }

    @Override
    public boolean remove(String address) {
        Map<String, AttributeValue> old = dynamo.deleteItem(request -> request.tableName(table).key(key(address))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public List<Subscription> all() {
        List<Subscription> all = new ArrayList<>();
        for (Subscription.Status status : Subscription.Status.values()) {
            QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.STATE_INDEX)
                    .keyConditionExpression("#list = :status")
                    .expressionAttributeNames(Map.of("#list", Table.LIST))
                    .expressionAttributeValues(Map.of(":status", s(list(status)))).build();
            dynamo.queryPaginator(query).items().forEach(item -> all.add(subscription(item)));
        }
        all.sort(Comparator.comparing(Subscription::email));
        return all;
    }

    @Override
    public Page confirmed(String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Table.STATE_INDEX)
                .keyConditionExpression("#list = :confirmed")
                .expressionAttributeNames(Map.of("#list", Table.LIST))
                .expressionAttributeValues(Map.of(":confirmed", s(CONFIRMED)))
                .limit(limit);
        if (cursor != null) {
            query.exclusiveStartKey(Map.of(Table.LIST, s(CONFIRMED), PK, s("SUB#" + Email.recipient(cursor)),
                    SK, s("SUB")));
        }
        QueryResponse response = dynamo.query(query.build());
        List<Subscriber> subscribers = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            subscribers.add(new Subscriber(string(item, "email"), string(item, "name"), topics(item)));
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? string(response.lastEvaluatedKey(), PK).substring("SUB#".length()) : null;
        return new Page(subscribers, next);
    }

    @Override
    public Set<String> mailable(Collection<String> addresses) {
        Set<String> mailable = new HashSet<>();
        List<String> unique = List.copyOf(new LinkedHashSet<>(addresses));
        for (Map<String, AttributeValue> item : Table.getAll(dynamo, table,
                unique.stream().map(DynamoSubscribers::key).distinct().toList())) {
            if (CONFIRMED.equals(string(item, Table.LIST))) {
                String stored = string(item, "email");
                unique.stream().filter(stored::equalsIgnoreCase).forEach(mailable::add);
            }
        }
        return mailable;
    }

    private static String list(Subscription.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, AttributeValue> item(Subscription subscription) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscription.email()));
        item.put("email", s(subscription.email()));
        item.put("created", s(subscription.created().toString()));
        for (Subscription.Field field : Subscription.Field.values()) {
            AttributeValue value = value(field, subscription);
            if (value != null) {
                item.put(attribute(field), value);
            }
        }
        item.put(Table.LIST, s(list(subscription.status())));
        AttributeValue expires = expires(subscription);
        if (expires != null) {
            item.put(Table.EXPIRES, expires);
        }
        return item;
    }

    private static Subscription subscription(Map<String, AttributeValue> item) {
        AttributeValue sent = item.get("confirmationSent");
        AttributeValue bounces = item.get("softBounces");
        AttributeValue welcomed = item.get("welcomed");
        return new Subscription(string(item, "email"), string(item, "name"),
                Subscription.Status.valueOf(string(item, "status")), Instant.parse(string(item, "created")),
                Instant.parse(string(item, "changed")),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent.n())), string(item, "reason"),
                bounces == null ? List.of() : bounces.l().stream().map(AttributeValue::s).toList(), topics(item),
                welcomed == null ? null : Instant.ofEpochMilli(Long.parseLong(welcomed.n())));
    }

    private static List<String> topics(Map<String, AttributeValue> item) {
        String topics = string(item, "topics");
        return topics == null ? List.of() : List.of(topics.split("\n"));
    }
}
