package dev.gazette.lambda;

import dev.gazette.aws.Clients;
import dev.gazette.aws.CloudFrontCache;
import dev.gazette.aws.DynamoCatalog;
import dev.gazette.aws.DynamoClientCounts;
import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.DynamoSendingPause;
import dev.gazette.aws.DynamoSiteUrl;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.S3PostFiles;
import dev.gazette.aws.S3Templates;
import dev.gazette.aws.S3SiteFiles;
import dev.gazette.aws.SesAccount;
import dev.gazette.aws.SesMailer;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.ChangedPaths;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import dev.gazette.publish.IssueArchive;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.SendingLimits;
import dev.gazette.publish.SendingPause;
import dev.gazette.publish.Store;
import dev.gazette.publish.Suppressions;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Bounces;
import dev.gazette.subscriber.ClientLimit;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import dev.gazette.subscriber.WelcomeEmail;
import dev.gazette.web.Captcha;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Config.Variables variables;
    private Templates templates = Templates.bundled();
    private S3Templates bucketTemplates;
    private S3Client s3;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SesV2Client ses;
    private Publisher publisher;
    private DigestComposer composer;
    private Tokens tokens;
    private Digests digests;
    private SesMailer sendingMailer;
    private Config settled;
    private ChangedPaths changedPaths;
    private CloudFrontCache cache;
    private SesAccount account;

    /** @param env the environment variables: {@link System#getenv()} in Lambda */
    Cloud(Map<String, String> env) {
        this.config = Config.from(env);
        this.env = env;
        this.variables = new Config.Variables(env);
    }

    /**
     * The settings with the site's URL: from the environment when the stack has a domain of its own, else the
     * CloudFront URL that the stack wrote into the table once its distribution was made (see
     * {@link SiteUrlResource}). Read at first use, after SnapStart's restore: the snapshot may be taken before the
     * stack wrote it, and must not keep a URL that changes.
     */
    synchronized Config settled() {
        if (settled == null) {
            settled = config.knowsSite() ? config : Config.from(env, siteUrls().read().orElseThrow(() ->
                    new IllegalStateException("the site's URL is not in the table yet: the stack writes it once its"
                            + " CloudFront distribution is made; this event is tried again")));
        }
        return settled;
    }

    Site site() {
        return settled().site();
    }

    DynamoSiteUrl siteUrls() {
        return new DynamoSiteUrl(dynamo(), config.resources().table());
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

    synchronized Templates templates() {
        return templates;
    }

    /**
     * Looks up the writer's templates in the posts bucket again (see {@link S3Templates}); when they changed, the
     * publisher and the composer are made again with them.
     *
     * @return the uploaded templates left out, each with its reason
     */
    synchronized List<String> refreshTemplates() {
        if (config.resources().postsBucket().isEmpty()) {
            return List.of();
        }
        if (bucketTemplates == null) {
            bucketTemplates = new S3Templates(s3(), config.resources().postsBucket());
        }
        S3Templates.Loaded loaded = bucketTemplates.load();
        if (loaded.templates() != templates) {
            templates = loaded.templates();
            publisher = null;
            composer = null;
        }
        return loaded.problems();
    }

    synchronized Publisher publisher() {
        if (publisher == null) {
            publisher = new Publisher(site(), templates, config.limits().maxPostBytes(),
                    config.limits().emailMaxAge(), postFiles(), changedPaths());
        }
        return publisher;
    }

    /** The site bucket's files that the publisher changed since they were last taken, for the cache to forget. */
    synchronized ChangedPaths changedPaths() {
        if (changedPaths == null) {
            changedPaths = new ChangedPaths(new S3SiteFiles(s3(), config.resources().siteBucket()));
        }
        return changedPaths;
    }

    /** The CloudFront distribution's cache; empty when the function is given none. */
    synchronized Optional<CloudFrontCache> cache() {
        String distribution = variable(Config.DISTRIBUTION_ID);
        if (cache == null && distribution != null) {
            cache = CloudFrontCache.of(distribution);
        }
        return Optional.ofNullable(cache);
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

    /** The archive of past issues, in the site bucket; what it changes is noted for the cache to forget. */
    IssueArchive archive() {
        return new IssueArchive(site(), templates, config.digest().content(), changedPaths());
    }

    /**
     * Clears CloudFront's cache of the site's files changed since the last call, in one invalidation. One that
     * fails is logged: the files are written, and the cache lets them through within their Cache-Control time.
     */
    void invalidateChanged() {
        List<String> changed = changedPaths().take();
        Optional<CloudFrontCache> cache = cache();
        if (changed.isEmpty() || cache.isEmpty()) {
            return;
        }
        Log log = Log.of("invalidate").with("files", changed.size());
        try {
            log.with("paths", cache.get().invalidate(changed).size()).with("outcome", "invalidated");
        } catch (IOException | RuntimeException e) {
            log.with("outcome", "failed").with("error", String.valueOf(e.getMessage()));
        }
        log.print();
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
     * The Send function's mail for one batch: through a mailer made once per instance, at this sender's share of
     * the digests' part of the rate (the configured limit, or else SES's own maximum), and no more emails than
     * {@code allowance} lets go now.
     */
    synchronized Digests.Mail sendingMail(Clock clock, SendingLimits.Allowance allowance) throws IOException {
        if (sendingMailer == null) {
            SendingLimits.Account account = account().read();
            sendingMailer = new SesMailer(ses(), dynamo(), config.resources().table(),
                    config.mail().configurationSet(), clock, new Pacer(SendingLimits.digestRate(
                    config.mail().maxSendRate(), account, config.mail().digestShare(),
                    config.mail().senderConcurrency())));
        }
        Mailer mailer = allowance.limit(account().counting(sendingMailer));
        return () -> new DigestSender(composer(), mailer);
    }

    /** The SES account: whether it sends, and its quota and rate. One per instance, as it keeps its reading. */
    synchronized SesAccount account() {
        if (account == null) {
            account = new SesAccount(ses());
        }
        return account;
    }

    SendingPause sendingPause() {
        return new DynamoSendingPause(dynamo(), config.resources().table());
    }

    DynamoSubscribers subscribers() {
        return new DynamoSubscribers(dynamo(), config.resources().table());
    }

    SqsDigestQueue queue() {
        return new SqsDigestQueue(sqs(), config.resources().queueUrl());
    }

    synchronized DigestComposer composer() {
        if (composer == null) {
            composer = new DigestComposer(site(), templates, tokens(), from(), settled().mail().endpoint(),
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
        int perHour = variables.integer(Config.SUBSCRIBE_LIMIT, ClientLimit.DEFAULT_PER_HOUR);
        return new ClientLimit(new DynamoClientCounts(dynamo(), config.resources().table()), perHour);
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
        return variables.integer(Config.WELCOME_POSTS, WelcomeEmail.DEFAULT_POSTS);
    }

    /** An environment variable as it was set, or null: for settings whose default depends on the request. */
    String variable(String name) {
        return variables.get(name, null);
    }
}
