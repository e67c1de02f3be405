package dev.gazette.lambda;

import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.MimeWriter;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda functions' settings, from their environment variables: the SAM template sets them, and every name is
 * one of the constants here. A missing or malformed setting fails the function's start with its name.
 * <p>
 * The site's URL may be missing: a stack without a domain of its own keeps its CloudFront URL in the table (see
 * {@link SiteUrlResource}), and {@link Cloud#site()} reads it there at first use. {@link #site()} is then unknown.
 */
public record Config(Site site, Resources resources, Mail mail, DigestPlan digest, Limits limits) {

    /** @throws IllegalStateException when the site's URL is not set: {@link Cloud#site()} knows it */
    @Override
    public Site site() {
        if (site == null) {
            throw new IllegalStateException(SITE_URL + " is not set: the site's URL is in the table (Cloud.site())");
        }
        return site;
    }

    /** Whether the site's URL is set in the environment, rather than kept in the table. */
    public boolean knowsSite() {
        return site != null;
    }

    /** Where the stack keeps things: the buckets, the table and the digest queue. */
    public record Resources(String postsBucket, String siteBucket, String table, String queueUrl) {
    }

    /**
     * How the functions mail.
     *
     * @param from              the sender, such as {@code Ada <news@example.com>}; empty when not set
     * @param endpoint          where the subscription endpoints are served, for the links in every email; empty
     *                          while the site's URL is unknown (see {@link Cloud#site()})
     * @param maxSendRate       emails a second across all senders; 0 for SES's own maximum for the account
     * @param senderConcurrency how many senders may run at once, to share the rate among
     * @param digestShare       the share of the rate the digests may use, above 0 and at most 1: the rest is left
     *                          for confirmation emails
     */
    public record Mail(String from, String configurationSet, String endpoint, double maxSendRate,
                       int senderConcurrency, double digestShare) {
    }

    /** @param immediate a digest right after each publish, rather than on a schedule */
    public record DigestPlan(boolean immediate, DigestComposer.Content content) {
    }

    /**
     * @param emailMaxAge  a post dated longer than this before it is published is never emailed
     * @param maxPostBytes the largest post file accepted
     * @param maxFileBytes the largest other file of the posts bucket copied to the site
     */
    public record Limits(Duration emailMaxAge, long maxPostBytes, long maxFileBytes) {
    }

    public static final String SITE_URL = "GAZETTE_SITE_URL";
    public static final String TITLE = "GAZETTE_TITLE";
    public static final String DESCRIPTION = "GAZETTE_DESCRIPTION";
    public static final String LANGUAGE = "GAZETTE_LANGUAGE";
    public static final String TIMEZONE = "GAZETTE_TIMEZONE";
    public static final String PERMALINK = "GAZETTE_PERMALINK";
    public static final String FEED_SIZE = "GAZETTE_FEED_SIZE";
    public static final String POSTS_BUCKET = "GAZETTE_POSTS_BUCKET";
    public static final String SITE_BUCKET = "GAZETTE_SITE_BUCKET";
    public static final String TABLE = "GAZETTE_TABLE";
    public static final String QUEUE_URL = "GAZETTE_QUEUE_URL";
    public static final String FROM = "GAZETTE_FROM";
    public static final String CONFIGURATION_SET = "GAZETTE_CONFIGURATION_SET";
    public static final String DIGEST_CADENCE = "GAZETTE_DIGEST_CADENCE";
    public static final String DIGEST_CONTENT = "GAZETTE_DIGEST_CONTENT";
    public static final String EMAIL_MAX_AGE_DAYS = "GAZETTE_EMAIL_MAX_AGE_DAYS";
    public static final String MAX_SEND_RATE = "GAZETTE_MAX_SEND_RATE";
    public static final String SENDER_CONCURRENCY = "GAZETTE_SENDER_CONCURRENCY";
    /** The percentage of the sending rate digests may use: 80 unless set. */
    public static final String DIGEST_RATE_SHARE = "GAZETTE_DIGEST_RATE_SHARE";
    /** The ARN of the stack's alert topic: the Send function takes alarms from no other. */
    public static final String ALERT_TOPIC = "GAZETTE_ALERT_TOPIC";
    public static final String ENDPOINT = "GAZETTE_ENDPOINT";
    public static final String HUB_URL = "GAZETTE_HUB_URL";
    public static final String MAX_POST_BYTES = "GAZETTE_MAX_POST_BYTES";
    /** The largest file beside the posts (an image, a PDF) copied to the site: 100 MiB unless set. */
    public static final String MAX_FILE_BYTES = "GAZETTE_MAX_FILE_BYTES";
    /** The ARN of the stack's SNS topic of bounces and complaints: the Bounce function takes notices from no other. */
    public static final String BOUNCE_TOPIC = "GAZETTE_BOUNCE_TOPIC";
    /**
     * The secret a stack was given before it made its own keys, optional: the first function to run after the
     * upgrade keeps it in the table as the legacy key, so the links already sent keep working. Read when a message
     * is first signed, never at start-up, so SnapStart's snapshot holds no secret.
     */
    public static final String UNSUBSCRIBE_SECRET = "GAZETTE_UNSUBSCRIBE_SECRET";
    /** The stack's CloudFront distribution, whose cache Publish clears of what it changed. */
    public static final String DISTRIBUTION_ID = "GAZETTE_DISTRIBUTION_ID";
    /** How many of the newest posts the welcome email lists; read by the Subscription function only. */
    public static final String WELCOME_POSTS = "GAZETTE_WELCOME_POSTS";

    /** Confirmation emails one client (IP address, IPv6 /64) may cause an hour through the form: 10 unless set. */
    public static final String SUBSCRIBE_LIMIT = "GAZETTE_SUBSCRIBE_LIMIT";
    /**
     * The header a proxy in front of the API writes the client's address in, such as
     * {@code CloudFront-Viewer-Address}; unset, the address the API saw the request come from. Never a header a
     * client can write, such as {@code X-Forwarded-For}.
     */
    public static final String CLIENT_IP_HEADER = "GAZETTE_CLIENT_IP_HEADER";
    /**
     * What the proxy adds to each request it passes on, in {@code X-Gazette-Proxy-Key}: when set,
     * {@link #CLIENT_IP_HEADER} is read only from requests that carry it, so one sent to the API's own URL cannot
     * write the client's address.
     */
    public static final String PROXY_KEY = "GAZETTE_PROXY_KEY";
    /** {@code turnstile} or {@code hcaptcha} for a CAPTCHA on the subscribe form; unset for none. */
    public static final String CAPTCHA = "GAZETTE_CAPTCHA";
    public static final String CAPTCHA_SITE_KEY = "GAZETTE_CAPTCHA_SITE_KEY";
    public static final String CAPTCHA_SECRET = "GAZETTE_CAPTCHA_SECRET";
    /** The provider's siteverify endpoint, when not its own: for tests. */
    public static final String CAPTCHA_VERIFY_URL = "GAZETTE_CAPTCHA_VERIFY_URL";

    /** Every variable a function may read. */
    public static final List<String> VARIABLES = List.of(SITE_URL, TITLE, DESCRIPTION, LANGUAGE, TIMEZONE, PERMALINK,
            FEED_SIZE, POSTS_BUCKET, SITE_BUCKET, TABLE, QUEUE_URL, FROM, CONFIGURATION_SET, DIGEST_CADENCE,
            DIGEST_CONTENT, EMAIL_MAX_AGE_DAYS, MAX_SEND_RATE, SENDER_CONCURRENCY, ENDPOINT, HUB_URL, MAX_POST_BYTES,
            MAX_FILE_BYTES, BOUNCE_TOPIC, UNSUBSCRIBE_SECRET, WELCOME_POSTS, SUBSCRIBE_LIMIT, CLIENT_IP_HEADER,
            CAPTCHA, CAPTCHA_SITE_KEY, CAPTCHA_SECRET, CAPTCHA_VERIFY_URL, DIGEST_RATE_SHARE, ALERT_TOPIC,
            DISTRIBUTION_ID, PROXY_KEY);

    /**
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static Config from(Map<String, String> env) {
        Variables vars = new Variables(env);
        ZoneId zone;
        try {
            zone = ZoneId.of(vars.get(TIMEZONE, "UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(TIMEZONE + " is not a time zone: " + env.get(TIMEZONE));
        }
        Site site = null;
        if (vars.get(SITE_URL, null) != null) {
            URI siteUrl = vars.uri(SITE_URL);
            String title = vars.get(TITLE, siteUrl.getHost());
            site = new Site(siteUrl, title, vars.get(DESCRIPTION, title), vars.get(LANGUAGE, "en"), zone,
                    Optional.ofNullable(vars.get(PERMALINK, null)).map(PermalinkPattern::new)
                            .orElse(PermalinkPattern.DEFAULT),
                    vars.integer(FEED_SIZE, 20), vars.get(HUB_URL, ""));
        }
        Resources resources = new Resources(vars.get(POSTS_BUCKET, ""), vars.get(SITE_BUCKET, ""),
                vars.required(TABLE), vars.get(QUEUE_URL, ""));
        Mail mail = new Mail(vars.sender(FROM), vars.get(CONFIGURATION_SET, ""),
                vars.get(ENDPOINT, site == null ? "" : site.origin()), vars.number(MAX_SEND_RATE, 0),
                Math.max(1, vars.integer(SENDER_CONCURRENCY, 2)), vars.percentage(DIGEST_RATE_SHARE, 80));
        DigestPlan digest = new DigestPlan(vars.get(DIGEST_CADENCE, "immediate").equals("immediate"),
                vars.content(DIGEST_CONTENT));
        Limits limits = new Limits(Duration.ofDays(vars.integer(EMAIL_MAX_AGE_DAYS, 7)),
                vars.integer(MAX_POST_BYTES, 1024 * 1024), vars.bytes(MAX_FILE_BYTES, 100L * 1024 * 1024));
        return new Config(site, resources, mail, digest, limits);
    }

    /** The settings of {@code env} with the site at {@code siteUrl}, as the stack keeps it in the table. */
    public static Config from(Map<String, String> env, URI siteUrl) {
        Map<String, String> withUrl = new HashMap<>(env);
        withUrl.put(SITE_URL, siteUrl.toString());
        return from(withUrl);
    }

    /** The environment, read with the variable's name in every error; blank is unset. */
    record Variables(Map<String, String> env) {
        String get(String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        String required(String name) {
            String value = get(name, null);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + name + " is not set");
            }
            return value;
        }

        /** The sender of the emails, checked at once: empty when not set. */
        String sender(String name) {
            String from = get(name, "");
            if (!from.isEmpty()) {
                try {
                    MimeWriter.checkSender(from);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " (the SenderAddress parameter) " + e.getMessage());
                }
            }
            return from;
        }

        URI uri(String name) {
            try {
                return URI.create(required(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a URL: " + env.get(name), e);
            }
        }

        int integer(String name, int fallback) {
            try {
                return Integer.parseInt(get(name, String.valueOf(fallback)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a whole number: " + env.get(name));
            }
        }

        long bytes(String name, long fallback) {
            try {
                return Long.parseLong(get(name, String.valueOf(fallback)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a whole number of bytes: " + env.get(name));
            }
        }

        /** A percentage above 0 and at most 100, as a fraction. */
        double percentage(String name, double fallback) {
            double percent = number(name, fallback);
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException(name + " is not a percentage above 0 and at most 100: "
                        + env.get(name));
            }
            return percent / 100;
        }

        DigestComposer.Content content(String name) {
            try {
                return DigestComposer.Content.named(get(name, "full"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " " + e.getMessage());
            }
        }

        double number(String name, double fallback) {
            try {
                return Double.parseDouble(get(name, String.valueOf(fallback)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: " + env.get(name));
            }
        }
    }
}
