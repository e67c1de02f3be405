package dev.gazette.cli;

import dev.gazette.local.RealPath;
import dev.gazette.local.SecretFile;
import dev.gazette.local.SubscriberFile;
import dev.gazette.mail.MimeWriter;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Tokens;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The options that say what the site is, where Gazette keeps its state, and how it mails: shared by commands. */
final class SiteOptions {
    @Option(names = "--site-url", paramLabel = "URL", description = "Where the site is served, such as https://example.com/.")
    URI siteUrl;

    @Option(names = "--title", paramLabel = "TEXT", description = "The site's title (default: the site URL's host name).")
    String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the site is about, for feeds and the index page (default: the title).")
    String description;

    @Option(names = "--language", paramLabel = "TAG", defaultValue = "en", description = "The posts' language, as a BCP 47 tag (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC", description = "Time zone of dates written without one, such as Europe/Paris (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--permalink", paramLabel = "PATTERN", description = "Where posts are published; :year, :month, :day and :slug are replaced (default: the one the site was published with, else /:year/:month/:day/:slug/).")
    String permalink;

    @Option(names = "--feed-size", paramLabel = "N", defaultValue = "20", description = "How many of the newest posts each feed holds (default: ${DEFAULT-VALUE}).")
    int feedSize;

    @Option(names = "--templates", paramLabel = "DIR", description = "Folder of your own templates (post.html, index.html, archive.html, digest.html, digest.txt, confirm.html, confirm.txt, welcome.html, welcome.txt, page.html, each with .mustache); any not there are Gazette's.")
    Path templates;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Sender of the emails, such as 'Ada <ada@example.com>' (default: newsletter@ the site's host, named after the site).")
    String from;

    @Option(names = "--outbox", paramLabel = "DIR", defaultValue = "outbox", description = "Folder the emails are written to (default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".gazette", description = "Folder where Gazette keeps what it has published and emailed, and the subscribers (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--unsubscribe-secret", paramLabel = "TEXT", defaultValue = "${env:GAZETTE_UNSUBSCRIBE_SECRET}", description = "Secret that signs subscription links, at least 16 characters (default: $GAZETTE_UNSUBSCRIBE_SECRET, else one made once and kept in the state folder).")
    String secret;

    @Option(names = "--new-secret", description = "Make a new secret in the state folder in place of a lost or damaged one, although it shows mail was sent with it: every unsubscribe and confirmation link already sent stops working.")
    boolean newSecret;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Where the subscribe, confirm and unsubscribe endpoints are served (default: the site URL's origin).")
    URI endpoint;

    Site site() {
        if (siteUrl == null) {
            throw new IllegalArgumentException("give the site's URL with --site-url, such as --site-url https://example.com/");
        }
        if (feedSize < 1) {
            throw new IllegalArgumentException("--feed-size must be at least 1, not " + feedSize);
        }
        String name = title == null || title.isBlank() ? siteUrl.getHost() : title.strip();
        if (name == null) {
            name = String.valueOf(siteUrl);
        }
        return new Site(siteUrl, name, description == null || description.isBlank() ? name : description.strip(),
                language, zone, permalink == null ? PermalinkPattern.DEFAULT : new PermalinkPattern(permalink), feedSize);
    }

    /**
     * Checks the mail options that were given, so a wrong one is told before anything is published; those left to
     * their defaults are made, and checked, only when a digest goes out.
     */
    void checkMailOptions(Site site) {
        if (from != null) {
            sender(site);
        }
        if (secret != null && !secret.isEmpty()) {
            secretBytes();
        }
    }

    /**
     * Refuses a state or outbox folder inside the site folder: whatever serves the site would serve the secret, the
     * subscriber list and every confirmation link with it. Links are resolved first, {@code ..} after them.
     */
    void checkLayout(Path site) {
        refuseInside(site, "--state", "state folder", state);
        refuseInside(site, "--outbox", "outbox folder", outbox);
    }

    /** As {@link #checkLayout(Path)}, and the list of subscribers given with {@code --subscribers}, if any. */
    void checkLayout(Path site, Path subscribers) {
        checkLayout(site);
        if (subscribers != null) {
            refuseInside(site, "--subscribers", "subscriber list", subscribers);
        }
    }

    private static void refuseInside(Path site, String option, String what, Path path) {
        if (RealPath.of(path).startsWith(RealPath.of(site))) {
            throw new IllegalArgumentException("the " + what + " " + path
                    + " is inside the site folder " + site + ", where anyone who can read the site could read it;"
                    + " give " + option + (what.endsWith("folder") ? " a folder" : " a file")
                    + " outside the site, or --site a folder of its own");
        }
    }

    Templates templates() {
        return templates == null ? Templates.bundled() : Templates.from(templates);
    }

    SubscriberFile subscribers(Clock clock) {
        return new SubscriberFile(state.resolve("subscribers.json"), clock);
    }

    Tokens tokens() throws IOException {
        if (secret == null || secret.isEmpty()) {
            return new Tokens(SecretFile.loadOrCreate(secretFile(), newSecret));
        }
        return new Tokens(secretBytes());
    }

    /** Where the state folder keeps the keys that sign subscription links. */
    Path secretFile() {
        return state.resolve("secret");
    }

    /** The secret given with --unsubscribe-secret, or null. */
    byte[] givenSecret() {
        return secret == null || secret.isEmpty() ? null : secretBytes();
    }

    private byte[] secretBytes() {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 characters long");
        }
        return bytes;
    }

    String endpoint(Site site) {
        String url = endpoint == null ? site.origin() : endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The sender: {@code --from}, else {@code newsletter@} the site's host, named after the site. */
    String sender(Site site) {
        if (from != null) {
            try {
                MimeWriter.checkSender(from);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--from " + e.getMessage());
            }
            try {
                InternetAddress address = new InternetAddress(from, true);
                if (EmailAddress.normalise(address.getAddress()).isEmpty()) {
                    throw new AddressException("not an address", from);
                }
                return address.toUnicodeString();
            } catch (AddressException e) {
                throw new IllegalArgumentException("--from \"" + from + "\" is not an email address such as 'Ada <ada@example.com>'");
            }
        }
        String fallback = "newsletter@" + site.url().getHost();
        if (EmailAddress.normalise(fallback).isEmpty()) {
            throw new IllegalArgumentException("give the sender with --from ADDRESS: the site's host "
                    + site.url().getHost() + " makes no email address");
        }
        try {
            InternetAddress address = new InternetAddress(fallback);
            address.setPersonal(site.title(), "UTF-8");
            return address.toUnicodeString();
        } catch (IOException | AddressException e) {
            throw new IllegalStateException(e);
        }
    }
}
