package dev.gazette.lambda;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.S3PostFiles;
import dev.gazette.aws.S3SiteFiles;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.digest.DigestComposer;
import dev.gazette.publish.Publisher;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the functions are wired from: the settings, the AWS clients and the core, each made once per function
 * instance. Clients are made on first use, so a function builds only those it needs; nothing secret or random is
 * made before the first event, so SnapStart's snapshot holds neither.
 */
final class Cloud {
    final Config config;
    private final Map<String, String> env;
    private final Templates templates = Templates.bundled();
    private S3Client s3;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SesV2Client ses;
    private Publisher publisher;
    private DigestComposer composer;
    private Tokens tokens;

    /** @param env the environment variables: {@link System#getenv()} in Lambda */
    Cloud(Map<String, String> env) {
        this.config = Config.from(env);
        this.env = env;
    }

    synchronized S3Client s3() {
        if (s3 == null) {
            s3 = Clients.s3();
        }
        return s3;
    }

    synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = Clients.dynamoDb();
        }
        return dynamo;
    }

    synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = Clients.sqs();
        }
        return sqs;
    }

    synchronized SesV2Client ses() {
        if (ses == null) {
            ses = Clients.ses();
        }
        return ses;
    }

    Templates templates() {
        return templates;
    }

    synchronized Publisher publisher() {
        if (publisher == null) {
            publisher = new Publisher(config.site(), templates, config.maxPostBytes(), config.emailMaxAge(),
                    postFiles(), new S3SiteFiles(s3(), config.siteBucket()));
        }
        return publisher;
    }

    S3PostFiles postFiles() {
        return new S3PostFiles(s3(), config.postsBucket(), config.maxPostBytes(), config.maxFileBytes());
    }

    /** A catalog read afresh: each event sees what every other function wrote before it. */
    DynamoCatalog catalog() {
        return new DynamoCatalog(dynamo(), config.table());
    }

    DynamoSubscribers subscribers() {
        return new DynamoSubscribers(dynamo(), config.table());
    }

    SqsDigestQueue queue() {
        return new SqsDigestQueue(sqs(), config.queueUrl());
    }

    synchronized DigestComposer composer() {
        if (composer == null) {
            composer = new DigestComposer(config.site(), templates, tokens(), from(), config.endpoint(),
                    config.digestContent());
        }
        return composer;
    }

    /** The signer of subscription links, from the secret read on first use. */
    synchronized Tokens tokens() {
        if (tokens == null) {
            String secret = env.get(Config.UNSUBSCRIBE_SECRET);
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 16) {
                throw new IllegalStateException(Config.UNSUBSCRIBE_SECRET + " must be set, at least 16 characters");
            }
            tokens = new Tokens(secret.getBytes(StandardCharsets.UTF_8));
        }
        return tokens;
    }

    String from() {
        if (config.from().isEmpty()) {
            throw new IllegalStateException(Config.FROM + " must be set to the sender of the emails");
        }
        return config.from();
    }

    /** An environment variable as it was set, or null: for settings whose default depends on the request. */
    String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
