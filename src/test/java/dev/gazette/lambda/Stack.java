package dev.gazette.lambda;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Emulators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One Gazette stack on the emulators: its own buckets, table and queue, and its functions as Lambda would call
 * them, with the sample events from {@code events/}.
 */
final class Stack implements AutoCloseable {
    final Emulators emulators = Emulators.start();
    /** The stack's name, as {@code AWS::StackName}: the posts bucket is named after it, as the template names it. */
    final String name = Emulators.unique("gazette");
    final String postsBucket = createBucket(name + "-posts-" + AwsCalls.ACCOUNT);
    final String siteBucket = emulators.createBucket();
    final String table = emulators.createTable();
    final Emulators.Queue queue = emulators.createQueue(3);
    final Map<String, String> env = new HashMap<>();
    final S3Client s3 = emulators.s3Client();
    final SqsClient sqs = emulators.sqsClient();
    final DynamoDbClient dynamo = emulators.dynamoDbClient();
    Instant now = Instant.parse("2024-05-10T12:00:00Z");
    /** The stack's topic of bounces and complaints, as in the sample notifications of {@code events/}. */
    static final String BOUNCE_TOPIC = "arn:aws:sns:us-east-1:123456789012:gazette-BounceTopic-EXAMPLE";
    /** The stack's alert topic, as in the sample alarm of {@code events/}. */
    static final String ALERT_TOPIC = "arn:aws:sns:us-east-1:123456789012:gazette-AlertTopic-EXAMPLE";
    /** The receipts of the messages Send left on the queue, hidden for their wait. */
    private final List<String> waiting = new ArrayList<>();

    Stack() {
        env.put(Config.SITE_URL, "https://blog.example.com/");
        env.put(Config.TITLE, "Example Blog");
        env.put(Config.POSTS_BUCKET, postsBucket);
        env.put(Config.SITE_BUCKET, siteBucket);
        env.put(Config.TABLE, table);
        env.put(Config.QUEUE_URL, queue.url());
        env.put(Config.FROM, "Example Blog <news@blog.example.com>");
        env.put(Config.DIGEST_CADENCE, "immediate");
        env.put(Config.MAX_SEND_RATE, "1000");
        env.put(Config.BOUNCE_TOPIC, BOUNCE_TOPIC);
        env.put(Config.ALERT_TOPIC, ALERT_TOPIC);
        // The tests' sites were first made with this pattern; PermalinkTest leaves it out.
        env.put(Config.PERMALINK, "/posts/:slug/");
    }

    private String createBucket(String bucket) {
        try (S3Client client = emulators.s3Client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    PublishHandler publishHandler() {
        return new PublishHandler(env, clock());
    }

    Stack subscribe(String... addresses) {
        DynamoSubscribers subscribers = new DynamoSubscribers(dynamo, table);
        for (String address : addresses) {
            subscribers.put(dev.gazette.subscriber.Subscription.confirmed(address, null, now));
        }
        return this;
    }

    void upload(String key, String text) {
        s3.putObject(request -> request.bucket(postsBucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    void deleteUpload(String key) {
        s3.deleteObject(request -> request.bucket(postsBucket).key(key));
    }

    /** The sample S3 notification of {@code events/}, for this stack's bucket and {@code key}. */
    static String s3Event(String sample, String bucket, String key) {
        JsonObject event = JsonParser.parseString(read(Path.of("events", sample))).getAsJsonObject();
        JsonObject s3 = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("s3");
        s3.getAsJsonObject("bucket").addProperty("name", bucket);
        // As S3 writes keys in notifications: form-encoded, with the slashes left as they are.
        s3.getAsJsonObject("object").addProperty("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        return event.toString();
    }

    /** Uploads a post and hands Publish the notification, as S3 would. */
    JsonObject publish(String key, String text) {
        upload(key, text);
        return invoke(publishHandler(), s3Event("s3-put.json", postsBucket, key));
    }

    JsonObject invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AwsCalls.during(handler.getClass(), () -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Runs {@code action} and returns what it logged to standard output, where Lambda's logs come from. */
    static String logOf(Runnable action) {
        PrintStream before = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(before);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    /** The batches waiting in the queue, taken off it. */
    List<Message> receiveAll() {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (received.isEmpty()) {
                return messages;
            }
            messages.addAll(received);
            for (Message message : received) {
                sqs.deleteMessage(request -> request.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** An SQS event for Send carrying these messages, shaped as {@code events/sqs-batch.json}. */
    static String sqsEvent(List<Message> messages) {
        JsonObject sample = JsonParser.parseString(read(Path.of("events", "sqs-batch.json"))).getAsJsonObject();
        JsonObject template = sample.getAsJsonArray("Records").get(0).getAsJsonObject();
        JsonArray records = new JsonArray();
        for (Message message : messages) {
            JsonObject record = template.deepCopy();
            record.addProperty("messageId", message.messageId());
            record.addProperty("receiptHandle", message.receiptHandle());
            record.addProperty("body", message.body());
            String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            if (receives != null) {
                record.getAsJsonObject("attributes").addProperty("ApproximateReceiveCount", receives);
            }
            records.add(record);
        }
        JsonObject event = new JsonObject();
        event.add("Records", records);
        return event.toString();
    }

    /** Sends every batch in the queue, as the SQS event source would. */
    JsonObject sendAll() {
        List<Message> messages = receiveAll();
        return invoke(new SendHandler(env, clock()), sqsEvent(messages));
    }

    /**
     * As the SQS event source does: receives the batches visible on the queue, hands them to Send, and deletes
     * those Send is done with. Those it reports as not done stay on the queue, hidden as Send asked.
     */
    JsonObject deliver() {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queue.url())
                .maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        JsonObject result = invoke(new SendHandler(env, clock()), sqsEvent(messages));
        List<String> notDone = new ArrayList<>();
        result.getAsJsonArray("batchItemFailures").forEach(failure ->
                notDone.add(failure.getAsJsonObject().get("itemIdentifier").getAsString()));
        for (Message message : messages) {
            if (notDone.contains(message.messageId())) {
                waiting.add(message.receiptHandle());
            } else {
                sqs.deleteMessage(request -> request.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
            }
        }
        return result;
    }

    /** The messages Send left on the queue are visible again, as when their wait is over. */
    void endWaits() {
        for (String receipt : waiting) {
            sqs.changeMessageVisibility(request -> request.queueUrl(queue.url()).receiptHandle(receipt)
                    .visibilityTimeout(0));
        }
        waiting.clear();
    }

    /** How many messages a queue holds, visible or hidden. */
    int held(String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** How many emails the SES emulator at {@code ses} took for each address. */
    Map<String, Long> recipients(java.net.URI ses) {
        List<String> to = new ArrayList<>();
        emulators.sentEmails(ses).forEach(email -> to.addAll(email.to()));
        return to.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Each of {@code readers} once, as {@link #recipients} counts them. */
    static Map<String, Long> once(String... readers) {
        return Stream.of(readers).collect(Collectors.toMap(Function.identity(), address -> 1L));
    }

    String site(String key) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(siteBucket).key(key)).asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamo.close();
    }
}
