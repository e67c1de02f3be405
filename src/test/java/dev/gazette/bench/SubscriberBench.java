package dev.gazette.bench;

import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SubscriberFile;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local subscriber list at 100,000 readers, as a user meets it: {@code gazette subscribers import --confirmed}
 * of a CSV in a fresh JVM, one subscription through the core use case (what {@code gazette serve} runs for a
 * POST), and {@code gazette publish} of a new post, its digest composed and written to the outbox for everyone.
 */
final class SubscriberBench {
    private static final int SUBSCRIBERS = 100_000;
    private static final int WARM_UP = 200;
    private static final int SUBSCRIBES = 500;
    private static final Instant NOW = Instant.parse("2026-01-10T09:00:00Z");

    private SubscriberBench() {
    }

    /** @param subscribeMs the median of one subscription, {@code subscribeP95Ms} its 95th percentile */
    record Result(double importSeconds, double openMs, double subscribeMs, double subscribeP95Ms,
                  double digestSeconds) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static Result run(Path work, Report report) throws Exception {
        report.heading2("7. Local subscribers");
        Path folder = work.resolve("subscribers");
        Path state = folder.resolve("state");
        Path csv = folder.resolve("readers.csv");
        Files.createDirectories(folder);
        StringBuilder rows = new StringBuilder("email,name\n");
        for (int i = 0; i < SUBSCRIBERS; i++) {
            rows.append("reader").append(i).append("@example.com,").append(i % 3 == 0 ? "Reader " + i : "").append('\n');
        }
        Files.writeString(csv, rows, StandardCharsets.UTF_8);

        Measure.Run imported = gazette(List.of("subscribers", "import", csv.toString(), "--confirmed",
                "--state", state.toString()));
        if (!imported.out().contains(SUBSCRIBERS + " added")) {
            throw new IllegalStateException("the import did not add every row: " + imported.out());
        }

        Site site = new Site(URI.create("https://blog.example.com/"), "Benchmark", "Benchmark", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        Tokens tokens = new Tokens("a benchmark secret, long enough".getBytes(StandardCharsets.UTF_8));
        SubscriberFile store = new SubscriberFile(state.resolve("subscribers.json"), Clock.systemUTC());
        long opening = System.nanoTime();
        long openingCpu = THREADS.getCurrentThreadCpuTime();
        if (store.get("reader0@example.com").isEmpty()) {
            throw new IllegalStateException("the imported list is not there");
        }
        double openMs = (System.nanoTime() - opening) / 1e6;
        double openCpuMs = (THREADS.getCurrentThreadCpuTime() - openingCpu) / 1e6;
        Subscriptions subscriptions = new Subscriptions(store, tokens, new ConfirmationEmail(site, Templates.bundled(),
                tokens, "Benchmark <news@blog.example.com>"), new OutboxMailer(folder.resolve("confirmations")));
        double[] times = new double[SUBSCRIBES];
        double[] cpuTimes = new double[SUBSCRIBES];
        for (int i = -WARM_UP; i < SUBSCRIBES; i++) {
            long start = System.nanoTime();
            long startCpu = THREADS.getCurrentThreadCpuTime();
            Subscriptions.Subscribed subscribed = subscriptions.subscribe("new" + i + "@example.org", null,
                    "https://blog.example.com", Instant.now());
            if (subscribed != Subscriptions.Subscribed.CONFIRMATION_SENT) {
                throw new IllegalStateException("a subscription was not sent its confirmation: " + subscribed);
            }
            if (i >= 0) {
                times[i] = (System.nanoTime() - start) / 1e6;
                cpuTimes[i] = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e6;
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = Measure.median(times);
        double p95 = sorted[(int) Math.ceil(SUBSCRIBES * 0.95) - 1];

        Path posts = folder.resolve("posts");
        Files.createDirectories(posts);
        Files.writeString(posts.resolve("2026-01-01-first.md"), post("First"));
        List<String> publish = List.of("publish", "--posts", posts.toString(), "--site", folder.resolve("site").toString(),
                "--state", state.toString(), "--outbox", folder.resolve("outbox").toString(),
                "--site-url", "https://blog.example.com/", "--title", "Benchmark",
                "--from", "Benchmark <news@blog.example.com>", "--unsubscribe-secret", "a benchmark secret, long enough",
                "--now", NOW.toString());
        gazette(publish);
        Files.writeString(posts.resolve("2026-01-10-second.md"), post("Second"));
        Measure.Run digest = gazette(publish);
        long written = emails(folder.resolve("outbox"));
        if (written != SUBSCRIBERS) {
            throw new IllegalStateException("the digest went to " + written + " readers, not " + SUBSCRIBERS + ": "
                    + digest.out() + digest.err());
        }

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.line("A list of " + Report.number(SUBSCRIBERS, 0) + " readers in the state folder. The import and the"
                + " digest are `java -jar target/gazette.jar` in a fresh JVM, as a user runs them; a subscription is"
                + " the core use case in a running process, as `gazette serve` runs it for a POST (median and 95th"
                + " percentile of " + SUBSCRIBES + " new addresses after " + WARM_UP + " to warm up), its"
                + " confirmation email written to the outbox; each change to the list waits for the disk (fsync)."
                + " The CPU time (of the process, or of the thread in process) is given too, which other work on"
                + " the machine does not lengthen: the load average when this part ended was " + Report.number(load, 1) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores.");
        report.table(List.of("Measure", "Time"), List.of(
                List.of("`subscribers import --confirmed` of " + Report.number(SUBSCRIBERS, 0) + " rows (whole process)",
                        Report.number(imported.seconds(), 2) + " s (" + Report.number(imported.cpuSeconds(), 2)
                                + " s CPU)"),
                List.of("Opening the list of " + Report.number(SUBSCRIBERS, 0) + " (once per process, cold JVM)",
                        Report.number(openMs, 0) + " ms (" + Report.number(openCpuMs, 0) + " ms CPU)"),
                List.of("One subscription into the list, median", Report.number(median, 2) + " ms ("
                        + Report.number(Measure.median(cpuTimes), 2) + " ms CPU)"),
                List.of("One subscription into the list, 95th percentile", Report.number(p95, 2) + " ms"),
                List.of("`publish` of a new post with its digest to " + Report.number(SUBSCRIBERS, 0)
                        + " readers, composed and written to the outbox (whole process)",
                        Report.number(digest.seconds(), 1) + " s (" + Report.number(digest.cpuSeconds(), 1)
                                + " s CPU)")));
        return new Result(imported.seconds(), openMs, median, p95, digest.seconds());
    }

    private static Measure.Run gazette(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Benchmarks.java(), "-jar", Benchmarks.jar()));
        command.addAll(arguments);
        return Measure.process(command, Path.of(""), Map.of());
    }

    private static String post(String title) {
        return "---\ntitle: " + title + "\n---\n\nA short post, " + title.toLowerCase() + " of two, with"
                + " [a link](https://example.org/) and a paragraph long enough to read like a real one.\n";
    }

    private static long emails(Path outbox) throws IOException {
        try (Stream<Path> files = Files.walk(outbox)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".eml")).count();
        }
    }
}
