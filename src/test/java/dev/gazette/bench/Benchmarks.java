package dev.gazette.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Gazette's benchmarks: full build (against Hugo and Jekyll where installed), incremental publish, cold start,
 * digest composition, send pacing and the local subscriber list. Prints each figure as it comes and writes them all to BENCHMARKS.md.
 * Run with {@code bench/run [--posts DIR] [--out FILE]}.
 */
public final class Benchmarks {
    private static final Path JAR = Path.of("target", "gazette.jar");

    private final Path posts;
    private final Path work;
    private final Report report = new Report();

    private Benchmarks(Path posts, Path work) {
        this.posts = posts;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--only-subscribers")) {
            subscribersOnly(Path.of(args[1]));
            return;
        }
        Path posts = Path.of("..", "shared", "corpus");
        Path out = Path.of("BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--posts" -> posts = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: bench/run [--posts DIR] [--out FILE]");
            }
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run bench/run, which builds it");
        }
        Path work = Files.createTempDirectory("gazette-bench");
        long started = System.nanoTime();
        Benchmarks benchmarks = new Benchmarks(Files.isDirectory(posts) ? posts : null, work);
        benchmarks.run();
        benchmarks.report.line("");
        benchmarks.report.line(String.format(Locale.ROOT, "The whole suite took %.0f s.", (System.nanoTime() - started) / 1e9));
        Files.writeString(out, benchmarks.report.markdown(), StandardCharsets.UTF_8);
        // Only now: files deleted in their thousands would slow every file the later parts create (see FullBuild).
        FullBuild.delete(work);
        System.out.println("\nwrote " + out.toAbsolutePath());
        System.exit(0);
    }

    private void run() throws Exception {
        report.heading("Gazette benchmarks");
        machine();
        Path corpus = work.resolve("corpus");
        int count = posts != null ? Corpus.copy(posts, corpus) : Corpus.synthesize(corpus, 584);
        report.line("Posts: " + count + (posts != null ? " real posts from " + posts : " synthetic posts (no corpus given)")
                + ".");
        FullBuild.Result build = new FullBuild(corpus, count, work, report).run();
        StartUp.Result startUp = StartUp.run(work, report);
        Incremental.Result incremental = Incremental.run(corpus, work, report);
        ColdStartBench coldStart = new ColdStartBench(work, report);
        coldStart.run();
        DigestBench.Result digests = DigestBench.run(report);
        PacingBench.Result pacing = PacingBench.run(report);
        SubscriberBench.Result subscribers = SubscriberBench.run(work, report);
        Costs.estimate(report, digests, pacing, coldStart);
        report.targets(build, startUp, incremental, coldStart, digests, subscribers);
        report.gaps(build, startUp, incremental, subscribers);
    }

    /** Just the subscriber benchmark, printed: {@code --only-subscribers WORK_DIR}, for a change to the list. */
    private static void subscribersOnly(Path work) throws Exception {
        Files.createDirectories(work);
        SubscriberBench.run(work, new Report());
        System.exit(0);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        return JAR.toString();
    }

    private void machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        report.heading2("Machine");
        report.line(String.format(Locale.ROOT, "%s, %d cores, %.0f GiB memory; %s %s; run on %s.", os.getName() + " "
                + os.getVersion(), os.getAvailableProcessors(), memory / 1024.0 / 1024 / 1024,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), LocalDate.now()));
        report.line("Hugo: " + (Measure.installed("hugo") ? Measure.version("hugo", "version") : "not installed")
                + ". Jekyll: " + (Measure.installed("jekyll") ? Measure.version("jekyll", "--version") : "not installed") + ".");
    }
}
