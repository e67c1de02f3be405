package dev.gazette.lambda;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.DynamoClientCounts;
import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.S3PostFiles;
import dev.gazette.aws.S3SiteFiles;
import dev.gazette.aws.SesMailer;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import dev.gazette.publish.IssueArchive;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Store;
import dev.gazette.publish.Suppressions;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Bounces;
import dev.gazette.subscriber.ClientLimit;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import dev.gazette.web.Captcha;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
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
    private Digests digests;
    private SesMailer sendingMailer;

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
            publisher = new Publisher(config.site(), templates, config.limits().maxPostBytes(),
                    config.limits().emailMaxAge(), postFiles(), new S3SiteFiles(s3(), config.resources().siteBucket()));
        }
        return publisher;
    }

    /** The posts bucket's objects, looked up for a notification. */
    Publisher.Uploads uploads() {
        return postFiles()::upload;
    }

    S3PostFiles postFiles() {
        return new S3PostFiles(s3(), config.resources().postsBucket(), config.limits().maxPostBytes(),
                config.limits().maxFileBytes());
    }

    /** A catalog read afresh: each event sees what every other function wrote before it. */
    Catalog catalog() throws IOException {
        return Catalog.open(store());
    }

    Store store() {
        return new DynamoCatalog(dynamo(), config.resources().table());
    }

    /** One per function instance: it keeps the posts of the digests it sends. */
    synchronized Digests digests() {
        if (digests == null) {
            // A function runs 15 minutes at most.
            digests = new Digests(store(), Duration.ofMinutes(20));
        }
        return digests;
    }

    /** The archive of past issues, in the site bucket. */
    IssueArchive archive() {
        return new IssueArchive(config.site(), templates, config.digest().content(),
                new S3SiteFiles(s3(), config.resources().siteBucket()));
    }

    Suppressions suppressions() {
        return new Suppressions(new Bounces(subscribers()), store());
    }

    /**
     * Mail for confirmation emails. Someone waits for the page: throttling is waited out briefly, then the email
     * counts as not sent.
     */
    Mailer confirmationMailer(Clock clock) {
        return new SesMailer(ses(), dynamo(), config.resources().table(), config.mail().configurationSet(), clock,
                new Pacer(0, Duration.ofSeconds(2)));
    }

    /** Mail through SES, as fast as SES takes it: for one test email. */
    Digests.Mail testMail(Clock clock) {
        return () -> new DigestSender(composer(), new SesMailer(ses(), dynamo(), config.resources().table(),
                config.mail().configurationSet(), clock, new Pacer(0)));
    }

    /**
     * The Send function's mail, made once per instance: at this sender's share of the account's rate, the
     * configured limit or else SES's own maximum, split among the senders that may run at once.
     */
    synchronized Digests.Mail sendingMail(Clock clock) throws IOException {
        if (sendingMailer == null) {
            double rate = config.mail().maxSendRate() > 0 ? config.mail().maxSendRate() : accountRate();
            sendingMailer = new SesMailer(ses(), dynamo(), config.resources().table(),
                    config.mail().configurationSet(), clock, new Pacer(rate / config.mail().senderConcurrency()));
        }
        SesMailer mailer = sendingMailer;
        return () -> new DigestSender(composer(), mailer);
    }

    /**
     * SES's maximum rate for the account. The SES client retries nothing (see {@code Clients.ses}), and senders
     * starting together may be throttled here: a read, so tried again for a few seconds.
     */
    private double accountRate() throws IOException {
        Pacer patience = new Pacer(0, Duration.ofSeconds(5));
        for (int attempt = 1; ; attempt++) {
            try {
                return ses().getAccount(request -> { }).sendQuota().maxSendRate();
            } catch (SdkException e) {
                if (!patience.backOff(attempt)) {
                    throw e;
                }
            }
        }
    }

    DynamoSubscribers subscribers() {
        return new DynamoSubscribers(dynamo(), config.resources().table());
    }

    SqsDigestQueue queue() {
        return new SqsDigestQueue(sqs(), config.resources().queueUrl());
    }

    synchronized DigestComposer composer() {
        if (composer == null) {
            composer = new DigestComposer(config.site(), templates, tokens(), from(), config.mail().endpoint(),
                    config.digest().content());
        }
        return composer;
    }

    /**
     * The signer of subscription links, with the keys read from the table on first use (after a SnapStart restore,
     * never into the snapshot), or made there by the first function that finds none.
     */
    synchronized Tokens tokens() {
        if (tokens == null) {
            DynamoKeys store = new DynamoKeys(dynamo(), config.resources().table());
            KeySet keys = store.loadOrCreate(legacySecret());
            tokens = new Tokens(keys, () -> store.read().orElse(keys));
        }
        return tokens;
    }

    /** The secret typed in before the stack made its own, if the stack still has one: it becomes the legacy key. */
    private byte[] legacySecret() {
        // As typed, spaces and all: that is what signed the links.
        String secret = env.get(Config.UNSUBSCRIBE_SECRET);
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < 16) {
            throw new IllegalStateException(Config.UNSUBSCRIBE_SECRET + " (the UnsubscribeSecret parameter) must be"
                    + " empty or at least 16 characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The limit of confirmations per client an hour, counted in the table by every instance. */
    ClientLimit clientLimit() {
        String perHour = variable(Config.SUBSCRIBE_LIMIT);
        try {
            return new ClientLimit(new DynamoClientCounts(dynamo(), config.resources().table()),
                    perHour == null ? ClientLimit.DEFAULT_PER_HOUR : Integer.parseInt(perHour));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Config.SUBSCRIBE_LIMIT + " is not a whole number: " + perHour);
        }
    }

    /** The subscribe form's CAPTCHA, if the stack has one. */
    Captcha captcha() {
        String provider = variable(Config.CAPTCHA);
        if (provider == null) {
            return null;
        }
        String verifyUrl = variable(Config.CAPTCHA_VERIFY_URL);
        return new Captcha(Captcha.Provider.named(provider), variable(Config.CAPTCHA_SITE_KEY),
                variable(Config.CAPTCHA_SECRET), verifyUrl == null ? null : URI.create(verifyUrl));
    }

    String from() {
        if (config.mail().from().isEmpty()) {
            throw new IllegalStateException(Config.FROM + " must be set to the sender of the emails");
        }
        return config.mail().from();
    }

    /** How many of the newest posts the welcome email lists. */
    int welcomePosts() {
        return Config.welcomePosts(env);
    }

    /** An environment variable as it was set, or null: for settings whose default depends on the request. */
    String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
