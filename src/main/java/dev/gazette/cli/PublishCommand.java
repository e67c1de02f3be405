package dev.gazette.cli;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.OutboxMailer;
import dev.gazette.local.PostFolder;
import dev.gazette.local.SecretFile;
import dev.gazette.local.SiteFolder;
import dev.gazette.post.PostException;
import dev.gazette.post.PostParser;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Report;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberCsv;
import dev.gazette.subscriber.Tokens;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gazette publish}: the whole job on local folders. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publishes the posts folder: pages and feeds into the site folder, a digest of the new posts as one"
                    + " .eml file per subscriber into the outbox. Run it again whenever posts change: only what changed"
                    + " is published, and every post is emailed at most once. The first run publishes everything and"
                    + " emails nothing.",
            "",
            "Exit codes: 0 done; 1 some posts or subscriber rows were rejected, the rest was done; 2 wrong options;"
                    + " 3 could not run."})
final class PublishCommand implements Callable<Integer> {
    private static final int PROGRESS_EVERY = 100;

    @Spec
    private CommandSpec spec;

    @Option(names = "--posts", required = true, paramLabel = "DIR", description = "Folder of Markdown posts and the files beside them.")
    private Path posts;

    @Option(names = "--site", required = true, paramLabel = "DIR", description = "Folder the site is written to.")
    private Path site;

    @Option(names = "--site-url", required = true, paramLabel = "URL", description = "Where the site is served, such as https://example.com/.")
    private URI siteUrl;

    @Option(names = "--title", paramLabel = "TEXT", description = "The site's title (default: the site URL's host name).")
    private String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the site is about, for feeds and the index page (default: the title).")
    private String description;

    @Option(names = "--language", paramLabel = "TAG", defaultValue = "en", description = "The posts' language, as a BCP 47 tag (default: ${DEFAULT-VALUE}).")
    private String language;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC", description = "Time zone of dates written without one, such as Europe/Paris (default: ${DEFAULT-VALUE}).")
    private ZoneId zone;

    @Option(names = "--permalink", paramLabel = "PATTERN", defaultValue = "/posts/:slug/", description = "Where posts are published; :year, :month, :day and :slug are replaced (default: ${DEFAULT-VALUE}).")
    private String permalink;

    @Option(names = "--feed-size", paramLabel = "N", defaultValue = "20", description = "How many of the newest posts each feed holds (default: ${DEFAULT-VALUE}).")
    private int feedSize;

    @Option(names = "--templates", paramLabel = "DIR", description = "Folder of your own templates (post.html.mustache, index.html.mustache, digest.html.mustache, digest.txt.mustache); any not there are Gazette's.")
    private Path templates;

    @Option(names = "--subscribers", paramLabel = "FILE.csv", description = "Subscribers to email, as CSV with the header email,name; all are treated as confirmed.")
    private Path subscribers;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Sender of the digest, such as 'Ada <ada@example.com>' (default: newsletter@ the site's host, named after the site).")
    private String from;

    @Option(names = "--outbox", paramLabel = "DIR", defaultValue = "outbox", description = "Folder the digest emails are written to (default: ${DEFAULT-VALUE}).")
    private Path outbox;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".gazette", description = "Folder where Gazette keeps what it has published and emailed (default: ${DEFAULT-VALUE}).")
    private Path state;

    @Option(names = "--now", paramLabel = "INSTANT", converter = InstantConverter.class, description = "Take this as the current time, such as 2024-05-01T09:00:00Z (default: the clock).")
    private Instant now;

    @Option(names = "--digest", paramLabel = "full|summary", defaultValue = "full", description = "Whether the digest shows each post in full or its summary (default: ${DEFAULT-VALUE}).")
    private String digestContent;

    @Option(names = "--email-max-age", paramLabel = "DAYS", defaultValue = "7", description = "A post dated more than this many days before it is first published is never emailed (default: ${DEFAULT-VALUE}).")
    private long emailMaxAgeDays;

    @Option(names = "--max-post-size", paramLabel = "BYTES", defaultValue = "1048576", description = "The largest post file accepted (default: ${DEFAULT-VALUE}).")
    private long maxPostBytes;

    @Option(names = "--unsubscribe-secret", paramLabel = "TEXT", defaultValue = "${env:GAZETTE_UNSUBSCRIBE_SECRET}", description = "Secret that signs unsubscribe links, at least 16 characters (default: $GAZETTE_UNSUBSCRIBE_SECRET, else one made once and kept in the state folder).")
    private String secret;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Where the subscribe and unsubscribe endpoints are served (default: the site URL's origin).")
    private URI endpoint;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Site config = site();
        Instant time = now != null ? now : Clock.systemUTC().instant();
        Templates pages = templates == null ? Templates.bundled() : Templates.from(templates);
        DigestComposer.Content content = digestContent();
        Files.createDirectories(state);
        try (FileChannel lockFile = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IOException("another gazette run is using " + state + "; wait for it to finish");
            }
            List<String> problems = new ArrayList<>();
            List<Subscriber> readers = readSubscribers(problems);

            CatalogFile catalog = CatalogFile.load(state.resolve("catalog.json"));
            PostFolder folder = new PostFolder(posts);
            Set<String> files = folder.files();
            long postCount = PostFolder.posts(files);
            Publisher publisher = new Publisher(config, pages, maxPostBytes, Duration.ofDays(emailMaxAgeDays),
                    folder, new SiteFolder(site));
            var changes = folder.changes(files, catalog);
            Report report = publisher.publish(catalog, changes, time,
                    new Publisher.Mode(!catalog.existed(), true), done -> {
                        if (changes.size() > PROGRESS_EVERY && (done % PROGRESS_EVERY == 0 || done == changes.size())) {
                            err.println("gazette: read " + done + " of " + changes.size() + " files");
                            err.flush();
                        }
                    });
            catalog.save();

            for (PostException error : report.errors()) {
                err.println(posts.resolve(error.source()) + (error.line() > 0 ? ":" + error.line() : "") + ": "
                        + error.reason());
            }
            report.notMailed().forEach(note ->
                    err.println(posts.resolve(note.source()) + ": not emailed: " + note.reason()));

            String digestLine = sendDigest(catalog, config, pages, content, readers, time);
            out.println(summary(postCount, report, !catalog.existed()) + digestLine);
            problems.forEach(err::println);
            return report.errors().isEmpty() && problems.isEmpty() ? 0 : Main.REJECTED;
        }
    }

    private String sendDigest(CatalogFile catalog, Site config, Templates pages, DigestComposer.Content content,
                              List<Subscriber> readers, Instant time) throws IOException {
        Optional<Digest> digest = DigestSender.open(catalog, time);
        if (digest.isEmpty()) {
            return "";
        }
        catalog.save();
        List<RenderedPost> digestPosts = DigestSender.posts(catalog, digest.get());
        OutboxMailer mailer = new OutboxMailer(outbox);
        int recipients = readers.size();
        if (!readers.isEmpty() && !digestPosts.isEmpty()) {
            DigestComposer composer = new DigestComposer(config, pages, new Tokens(secret()),
                    sender(config), endpoint == null ? config.origin() : endpoint.toString(), content);
            new DigestSender(composer, mailer).send(digest.get(), digestPosts, readers, time);
        }
        DigestSender.close(catalog, digest.get(), recipients, time);
        catalog.save();
        String posts = digestPosts.size() == 1 ? "1 post" : digestPosts.size() + " posts";
        return recipients == 0
                ? "; digest of " + posts + " to 0 subscribers (give --subscribers FILE.csv to email it)"
                : "; digest of " + posts + " to " + recipients + (recipients == 1 ? " subscriber" : " subscribers")
                        + " → " + mailer.folderOf(digest.get().id());
    }

    private Site site() {
        if (feedSize < 1) {
            throw new IllegalArgumentException("--feed-size must be at least 1, not " + feedSize);
        }
        if (emailMaxAgeDays < 0) {
            throw new IllegalArgumentException("--email-max-age must be 0 days or more, not " + emailMaxAgeDays);
        }
        if (maxPostBytes < 1) {
            throw new IllegalArgumentException("--max-post-size must be at least 1 byte, not " + maxPostBytes);
        }
        String name = title == null || title.isBlank() ? siteUrl.getHost() : title.strip();
        if (name == null) {
            name = String.valueOf(siteUrl);
        }
        return new Site(siteUrl, name, description == null || description.isBlank() ? name : description.strip(),
                language, zone, new PermalinkPattern(permalink), feedSize);
    }

    private DigestComposer.Content digestContent() {
        return switch (digestContent) {
            case "full" -> DigestComposer.Content.FULL;
            case "summary" -> DigestComposer.Content.SUMMARY;
            default -> throw new IllegalArgumentException("--digest is 'full' or 'summary', not '" + digestContent + "'");
        };
    }

    private List<Subscriber> readSubscribers(List<String> problems) throws IOException {
        if (subscribers == null) {
            return List.of();
        }
        try (Reader reader = Files.newBufferedReader(subscribers, StandardCharsets.UTF_8)) {
            SubscriberCsv.Result result = SubscriberCsv.read(subscribers.toString(), reader);
            problems.addAll(result.problems());
            return result.subscribers();
        }
    }

    private byte[] secret() throws IOException {
        if (secret == null || secret.isEmpty()) {
            return SecretFile.loadOrCreate(state.resolve("secret"));
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 characters long");
        }
        return bytes;
    }

    private String sender(Site config) {
        if (from != null) {
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
        String fallback = "newsletter@" + config.url().getHost();
        if (EmailAddress.normalise(fallback).isEmpty()) {
            throw new IllegalArgumentException("give the digest's sender with --from ADDRESS: the site's host "
                    + config.url().getHost() + " makes no email address");
        }
        try {
            InternetAddress address = new InternetAddress(fallback);
            address.setPersonal(config.title(), "UTF-8");
            return address.toUnicodeString();
        } catch (IOException | AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 584 posts: 3 new, 1 updated, 1 removed, 1 error (2 drafts, 1 scheduled)}. */
    private static String summary(long postCount, Report report, boolean firstRun) {
        List<String> changes = new ArrayList<>();
        count(changes, report.created().size(), "new", "new");
        count(changes, report.updated().size(), "updated", "updated");
        count(changes, report.removed().size(), "removed", "removed");
        count(changes, report.errors().size(), "error", "errors");
        List<String> waiting = new ArrayList<>();
        count(waiting, report.drafts(), "draft", "drafts");
        count(waiting, report.scheduled().size(), "scheduled", "scheduled");
        StringBuilder line = new StringBuilder(postCount + (postCount == 1 ? " post: " : " posts: "))
                .append(changes.isEmpty() ? "nothing changed" : String.join(", ", changes));
        if (!waiting.isEmpty()) {
            line.append(" (").append(String.join(", ", waiting)).append(')');
        }
        if (firstRun && !report.created().isEmpty()) {
            line.append("; first run: published everything and emailed nothing (later runs email new posts)");
        }
        if (!report.scheduled().isEmpty()) {
            line.append("; next scheduled: ").append(report.scheduled().get(0).source())
                    .append(" at ").append(report.scheduled().get(0).date());
        }
        return line.toString();
    }

    private static void count(List<String> parts, int count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
        }
    }

    /** {@code 2024-05-01T09:00:00Z}, {@code 2024-05-01T11:00+02:00}, or a day {@code 2024-05-01} (midnight UTC). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            }
        }
    }
}
