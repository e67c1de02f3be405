package dev.gazette.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.BlobStores;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real local implementations of the AWS APIs, on loopback, started once for a whole test run: s3proxy (S3, in
 * memory) and ElasticMQ (SQS) in this JVM, dynalite (DynamoDB) and aws-ses-v2-local (SES v2) as Node processes
 * from {@code node_modules}. The SDK's standard system properties point every client at them, so the code under
 * test builds its clients exactly as it does in Lambda.
 */
public final class Emulators {
    private static final Duration START = Duration.ofSeconds(30);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Emulators running;

    public final URI s3;
    public final URI dynamoDb;
    public final URI sqs;
    public final URI ses;
    private final HttpClient http = HttpClient.newHttpClient();

    private Emulators(URI s3, URI dynamoDb, URI sqs, URI ses) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.ses = ses;
    }

    /** The emulators, started on first use and stopped when the JVM exits. */
    public static synchronized Emulators start() {
        if (running == null) {
            try {
                running = launch();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the AWS emulators (is Node.js 20 installed, and did"
                        + " 'npm ci' run? 'mvn test' runs it): " + e.getMessage(), e);
            }
        }
        return running;
    }

    private static Emulators launch() throws Exception {
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");

        BlobStore store = BlobStores.create("transient", new Properties());
        S3Proxy s3proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test").stopTimeout(0).build();
        s3proxy.start();
        while (!"STARTED".equals(s3proxy.getState())) {
            Thread.sleep(10);
        }
        SQSRestServer elasticmq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int sqsPort = elasticmq.waitUntilStarted().localAddress().getPort();

        int dynamoPort = freePort();
        Process dynalite = node("dynalite/cli.js", Map.of(), "--host", "127.0.0.1", "--port",
                String.valueOf(dynamoPort), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        int sesPort = freePort();
        Process sesLocal = node("aws-ses-v2-local/dist/cli.js", Map.of("AWS_SES_ACCOUNT", SES_ACCOUNT),
                "--host", "127.0.0.1", "--port", String.valueOf(sesPort));

        Emulators emulators = new Emulators(URI.create("http://127.0.0.1:" + s3proxy.getPort()),
                URI.create("http://127.0.0.1:" + dynamoPort), URI.create("http://127.0.0.1:" + sqsPort),
                URI.create("http://127.0.0.1:" + sesPort));
        emulators.awaitHttp(emulators.dynamoDb, dynalite);
        emulators.awaitHttp(URI.create(emulators.ses + "/health-check"), sesLocal);
        System.setProperty("aws.endpointUrlS3", emulators.s3.toString());
        System.setProperty("aws.endpointUrlDynamoDb", emulators.dynamoDb.toString());
        System.setProperty("aws.endpointUrlSqs", emulators.sqs.toString());
        System.setProperty("aws.endpointUrlSesV2", emulators.ses.toString());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dynalite.destroy();
            sesLocal.destroy();
            elasticmq.stopAndWait();
            try {
                s3proxy.stop();
            } catch (Exception e) {
                // The JVM is exiting; the in-memory store goes with it.
            }
        }));
        return emulators;
    }

    /** What {@code GetAccount} answers: aws-ses-v2-local returns this as it is. */
    public static final String SES_ACCOUNT = """
            {"DedicatedIpAutoWarmupEnabled":false,"Details":{"AdditionalContactEmailAddresses":[],
             "ContactLanguage":"EN","MailType":"MARKETING","ReviewDetails":{"CaseId":"1","Status":"GRANTED"},
             "UseCaseDescription":"Gazette tests","WebsiteURL":"https://example.com"},
             "EnforcementStatus":"HEALTHY","ProductionAccessEnabled":true,"SendingEnabled":true,
             "SendQuota":{"Max24HourSend":50000,"MaxSendRate":14,"SentLast24Hours":0},
             "SuppressionAttributes":{"SuppressedReasons":["BOUNCE","COMPLAINT"]}}""";

    /**
     * One more aws-ses-v2-local, whose GetAccount answers {@code account} (JSON as {@link #SES_ACCOUNT}), for a test
     * of an account in another state; stopped when the JVM exits.
     */
    public static URI sesWithAccount(String account) throws Exception {
        start();
        int port = freePort();
        Process ses = node("aws-ses-v2-local/dist/cli.js", Map.of("AWS_SES_ACCOUNT", account), "--host", "127.0.0.1",
                "--port", String.valueOf(port));
        Runtime.getRuntime().addShutdownHook(new Thread(ses::destroy));
        URI uri = URI.create("http://127.0.0.1:" + port);
        running.awaitHttp(URI.create(uri + "/health-check"), ses);
        return uri;
    }

    private static Process node(String script, Map<String, String> env, String... args) throws IOException {
        Path cli = Path.of("node_modules", script);
        if (!Files.exists(cli)) {
            throw new IOException(cli.toAbsolutePath() + " is missing");
        }
        List<String> command = new ArrayList<>(List.of("node", cli.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                while (out.readLine() != null) {
                    // Discarded: the emulators' own chatter.
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, script);
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    /** Waits until a server answers HTTP at all. */
    private void awaitHttp(URI uri, Process process) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(uri + ": the emulator exited with " + process.exitValue());
            }
            try {
                http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException(uri + " did not answer within " + START.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A name no other test uses, for a bucket, table or queue of its own. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    public S3Client s3Client() {
        return Clients.s3();
    }

    public DynamoDbClient dynamoDbClient() {
        return Clients.dynamoDb();
    }

    public SqsClient sqsClient() {
        return Clients.sqs();
    }

    public String createBucket() {
        String bucket = unique("bucket");
        try (S3Client s3 = s3Client()) {
            s3.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    /** A table laid out as {@link Table} says and as {@code template.yaml} declares it. */
    public String createTable() {
        String table = unique("gazette");
        try (DynamoDbClient dynamo = dynamoDbClient()) {
            dynamo.createTable(request -> request.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(Table.PK), attribute(Table.SK), attribute(Table.LIST))
                    .keySchema(key(Table.PK, KeyType.HASH), key(Table.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Table.STATE_INDEX)
                            .keySchema(key(Table.LIST, KeyType.HASH), key(Table.PK, KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            dynamo.waiter().waitUntilTableExists(request -> request.tableName(table));
        }
        return table;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A queue with its dead-letter queue after {@code maxReceives} deliveries, as the stack has. */
    public Queue createQueue(int maxReceives) {
        try (SqsClient client = sqsClient()) {
            String name = unique("digest");
            String dlq = client.createQueue(request -> request.queueName(name + "-dlq")).queueUrl();
            String dlqArn = client.getQueueAttributes(request -> request.queueUrl(dlq)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = client.createQueue(request -> request.queueName(name).attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            return new Queue(url, dlq);
        }
    }

    public record Queue(String url, String deadLetters) {
    }

    /** One email as aws-ses-v2-local stored it. */
    public record SentEmail(String messageId, String from, List<String> to, String subject, String html, String text,
                            Map<String, String> headers) {
    }

    /** Every email the SES emulator has accepted since it was last cleared. */
    public List<SentEmail> sentEmails() {
        return sentEmails(ses);
    }

    /** Every email the SES emulator at {@code ses} (such as one of {@link #sesWithAccount}) has accepted. */
    public List<SentEmail> sentEmails(URI ses) {
        JsonObject store = JsonParser.parseString(get(ses, "/store")).getAsJsonObject();
        List<SentEmail> emails = new ArrayList<>();
        for (JsonElement element : store.getAsJsonArray("emails")) {
            JsonObject email = element.getAsJsonObject();
            JsonObject body = email.getAsJsonObject("body");
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            JsonArray list = email.has("headers") ? email.getAsJsonArray("headers") : new JsonArray();
            for (JsonElement header : list) {
                headers.put(header.getAsJsonObject().get("name").getAsString(),
                        header.getAsJsonObject().get("value").getAsString());
            }
            List<String> to = new ArrayList<>();
            email.getAsJsonObject("destination").getAsJsonArray("to").forEach(address -> to.add(address.getAsString()));
            emails.add(new SentEmail(email.get("messageId").getAsString(), email.get("from").getAsString(), to,
                    email.get("subject").getAsString(),
                    body.has("html") ? body.get("html").getAsString() : null,
                    body.has("text") ? body.get("text").getAsString() : null, headers));
        }
        return emails;
    }

    public void clearSentEmails() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(ses + "/clear-store")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(URI ses, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ses + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds, for things that happen in another process. */
    public static void await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not so after " + timeout.toMillis() + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

}
