package dev.gazette.cli;

import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.OutboxMailer;
import dev.gazette.local.PostFolder;
import dev.gazette.local.RealPath;
import dev.gazette.local.SubscriberFile;
import dev.gazette.local.SiteFolder;
import dev.gazette.mail.Email;
import dev.gazette.post.OneLine;
import dev.gazette.post.PostException;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import dev.gazette.publish.IssueArchive;
import dev.gazette.publish.MassRemoval;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Report;
import dev.gazette.publish.Store;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberCsv;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
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
    /** 64 MiB: far more than any text; a larger limit would let one file take the heap. */
    private static final long MAX_POST_BYTES = 64L << 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteOptions options;

    @Option(names = "--posts", required = true, paramLabel = "DIR", description = "Folder of Markdown posts and the files beside them.")
    private Path posts;

    @Option(names = "--site", required = true, paramLabel = "DIR", description = "Folder the site is written to.")
    private Path site;

    @Option(names = "--subscribers", paramLabel = "FILE.csv", description = "Subscribers to email, as CSV with the header email,name; all are treated as confirmed.")
    private Path subscribers;

    @Option(names = "--now", paramLabel = "INSTANT", converter = InstantConverter.class, description = "Take this as the current time, such as 2024-05-01T09:00:00Z (default: the clock).")
    private Instant now;

    @Mixin
    private DigestOption digest;

    @Option(names = "--email-max-age", paramLabel = "DAYS", defaultValue = "7", description = "A post dated more than this many days before it is first published is never emailed (default: ${DEFAULT-VALUE}).")
    private long emailMaxAgeDays;

    @Option(names = "--rebuild", description = "Write every page and feed again, not only those that changed: after editing templates, or when files of the site folder were changed by hand.")
    private boolean rebuild;

    @Option(names = "--max-post-size", paramLabel = "BYTES", defaultValue = "1048576", description = "The largest post file accepted (default: ${DEFAULT-VALUE}).")
    private long maxPostBytes;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "104857600", description = "The largest other file of the posts folder copied to the site (default: ${DEFAULT-VALUE}, 100 MiB).")
    private long maxFileBytes;

    @Option(names = "--allow-mass-removal", description = "Publish even when more than half of the published posts would leave the site, their files gone.")
    private boolean allowMassRemoval;

    @Override
    public Integer call() throws IOException {
        Setup setup = checkOptions();
        Instant time = now != null ? now : Clock.systemUTC().instant();
        Path state = options.state;
        Files.createDirectories(state);
        try (FileChannel lockFile = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock();
             CatalogFile store = lock == null ? null : CatalogFile.open(state.resolve("catalog.json"))) {
            if (lock == null) {
                throw new IOException("another gazette run is using " + state + "; wait for it to finish");
            }
            new SiteFolder(site).removeLeftovers(state.resolve("unfinished"));
            List<String> problems = new ArrayList<>();
            List<Subscriber> readers = readers(problems, time);
            Catalog catalog = Catalog.open(store);
            boolean firstRun = catalog.settings().isEmpty();
            // Gazette's own folders, when they are inside the posts folder, are not part of the site.
            PostFolder folder = new PostFolder(posts, state.resolve("files.json"),
                    List.of(site, options.outbox, state), new PostFolder.Limits(maxPostBytes, maxFileBytes));
            Set<String> files = folder.files();
            Report report = publish(setup, catalog, folder, files, firstRun, time);
            folder.saveStamps(catalog);
            printNotes(report, folder);
            String digestLine = sendDigest(setup, store, readers, time, problems);
            Files.deleteIfExists(state.resolve("unfinished"));
            spec.commandLine().getOut().println(summary(PostFolder.posts(files), report, firstRun) + digestLine);
            problems.forEach(OneLine.writer(spec.commandLine().getErr())::println);
            return report.errors().isEmpty() && problems.isEmpty() ? 0 : Main.REJECTED;
        }
    }

    private Report publish(Setup setup, Catalog catalog, PostFolder folder, Set<String> files, boolean firstRun,
                           Instant time) throws IOException {
        PrintWriter err = OneLine.writer(spec.commandLine().getErr());
        Publisher publisher = new Publisher(setup.site(), setup.templates(), maxPostBytes,
                Duration.ofDays(emailMaxAgeDays), folder, new SiteFolder(site));
        // A site folder that lost its index was deleted or never written here: write all of it.
        boolean rewriteAll = rebuild || !Files.exists(site.resolve("index.html"));
        var changes = folder.changes(files, catalog, rewriteAll);
        if (!allowMassRemoval) {
            MassRemoval.check(catalog, changes, "the posts folder " + RealPath.of(posts));
        }
        return publisher.publish(catalog, changes, time, new Publisher.Mode(firstRun, rewriteAll), done -> {
            if (changes.size() > PROGRESS_EVERY && (done % PROGRESS_EVERY == 0 || done == changes.size())) {
                err.println("gazette: read " + done + " of " + changes.size() + " files");
                err.flush();
            }
        });
    }

    /** Each bad post as {@code file:line: reason}, then what will not be emailed and what to look at. */
    private void printNotes(Report report, PostFolder folder) {
        PrintWriter err = OneLine.writer(spec.commandLine().getErr());
        for (PostException error : report.errors()) {
            err.println(posts.resolve(error.source()) + (error.line() > 0 ? ":" + error.line() : "") + ": "
                    + error.reason());
        }
        report.notMailed().forEach(note ->
                err.println(posts.resolve(note.source()) + ": not emailed: " + note.reason()));
        folder.warnings().forEach(warning -> err.println(warning.in(posts)));
        report.warnings().forEach(warning -> err.println(warning.in(posts)));
    }

    /** @param problems told of each reader not emailed, and why */
    private String sendDigest(Setup setup, Store store, List<Subscriber> readers, Instant time, List<String> problems)
            throws IOException {
        OutboxMailer mailer = new OutboxMailer(options.outbox);
        Site config = setup.site();
        Digests.Mail mail = () -> new DigestSender(new DigestComposer(config, setup.templates(), options.tokens(),
                options.sender(config), options.endpoint(config), setup.content()), mailer);
        // One run at a time holds the state folder: a digest another run claimed was left by a run that stopped.
        IssueArchive archive = new IssueArchive(config, setup.templates(), setup.content(), new SiteFolder(site));
        Optional<Digests.Outcome> outcome = new Digests(store, Duration.ZERO)
                .sendDue(time, archive, Digests.mailTo(readers, mail));
        if (outcome.isEmpty()) {
            return "";
        }
        PrintWriter err = OneLine.writer(spec.commandLine().getErr());
        outcome.get().posts().stream().filter(post -> outcome.get().summarised().contains(post.url()))
                .forEach(post -> err.println(posts.resolve(post.source()) + ": warning: emailed as its summary with"
                        + " a link: whole, it would take the email past Gmail's 102 KB clipping limit"));
        DigestSender.Delivery delivery = outcome.get().delivery();
        if (delivery != null) {
            delivery.rejected().forEach(address -> problems.add(address + ": not emailed: not a message that can be"
                    + " sent to this address"));
            delivery.failed().forEach(failure -> problems.add(failure.address() + ": not emailed yet: "
                    + failure.reason() + " (the next run sends it)"));
        }
        int posts = outcome.get().posts().size();
        int recipients = outcome.get().recipients();
        int nothing = outcome.get().nothing();
        String count = posts == 1 ? "1 post" : posts + " posts";
        // Readers whose topics the digest does not carry are counted apart: they got no email.
        String unmailed = nothing == 0 ? "" : "; " + nothing + (nothing == 1 ? " subscriber" : " subscribers")
                + " with nothing of their topics in it";
        if (recipients == 0 && nothing == 0) {
            return "; digest of " + count + " to 0 subscribers (give --subscribers FILE.csv, or let readers subscribe"
                    + " with 'gazette serve')";
        }
        return "; digest of " + count + " to " + recipients + (recipients == 1 ? " subscriber" : " subscribers")
                + (recipients == 0 ? "" : " → " + mailer.folderOf(outcome.get().digest().id())) + unmailed;
    }

    /** What the options make, every one checked before anything is read or written. */
    private record Setup(Site site, Templates templates, DigestComposer.Content content) {
    }

    private Setup checkOptions() throws IOException {
        if (emailMaxAgeDays < 0) {
            throw new IllegalArgumentException("--email-max-age must be 0 days or more, not " + emailMaxAgeDays);
        }
        if (maxPostBytes < 1 || maxPostBytes > MAX_POST_BYTES) {
            throw new IllegalArgumentException("--max-post-size must be from 1 to " + MAX_POST_BYTES + " bytes (a post"
                    + " is read and rendered whole, in memory), not " + maxPostBytes);
        }
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("--max-file-size must be 0 bytes or more, not " + maxFileBytes);
        }
        Site config = options.site();
        options.checkLayout(site, subscribers);
        if (RealPath.of(posts).startsWith(RealPath.of(site))) {
            throw new IllegalArgumentException("--site must be a folder of its own, not the posts folder " + posts
                    + " or a folder around it: the drafts and every raw post would be served with the site");
        }
        options.checkMailOptions(config);
        return new Setup(config, options.templates(), digest.content());
    }

    /**
     * Who gets the digest: the confirmed subscribers of the state folder and everyone in {@code --subscribers},
     * less those who unsubscribed or were suppressed here.
     */
    private List<Subscriber> readers(List<String> problems, Instant time) throws IOException {
        SubscriberFile store = options.subscribers(Clock.fixed(time, ZoneOffset.UTC));
        // By lower-case address: one reader, whatever the case each list has the address in.
        Map<String, Subscriber> readers = new TreeMap<>();
        Set<String> left = new HashSet<>();
        for (Subscription subscription : store.all()) {
            String key = Email.recipient(subscription.email());
            if (subscription.status() == Subscription.Status.CONFIRMED) {
                readers.put(key, subscription.subscriber());
            } else if (subscription.hasLeft()) {
                left.add(key);
            }
        }
        if (subscribers != null) {
            SubscriberCsv.Result result = SubscriberCsv.read(subscribers);
            problems.addAll(result.problems());
            for (Subscriber subscriber : result.subscribers()) {
                String key = Email.recipient(subscriber.email());
                if (!left.contains(key)) {
                    readers.putIfAbsent(key, subscriber);
                }
            }
        }
        return List.copyOf(readers.values());
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
