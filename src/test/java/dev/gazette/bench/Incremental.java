package dev.gazette.bench;

import dev.gazette.local.CatalogFile;
import dev.gazette.publish.Catalog;
import dev.gazette.local.PostFolder;
import dev.gazette.local.SiteFolder;
import dev.gazette.publish.Change;
import dev.gazette.publish.Publisher;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One new post into a site that has every post already, and into one ten times as large: in a warm process (the
 * publisher the Lambda function keeps between events) and in a fresh process ({@code bin/gazette publish}).
 */
final class Incremental {
    private static final int WARM_UP = 50;
    private static final int MEASURED = 50;
    private static final int FRESH_RUNS = FullBuild.ROUNDS;
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private Incremental() {
    }

    /** Milliseconds for one new post: warm and in a fresh process, in the site as it is and ten times larger. */
    record Result(long posts, double warm, double warmLarge, double fresh, double freshLarge) {
    }

    static Result run(Path corpus, Path work, Report report) throws Exception {
        report.heading2("3. Incremental publish");
        report.line("One new post published into an existing site. Warm: the publisher in a running process, as the"
                + " Publish function keeps it between events (median of " + MEASURED + " posts after " + WARM_UP
                + " to warm up). Fresh process: `bin/gazette publish`, as the README runs it, on the folder with one more post"
                + " (median of " + FRESH_RUNS + "), which also lists every file to find what changed.");
        List<List<String>> rows = new ArrayList<>();
        double[] warm = new double[2];
        double[] fresh = new double[2];
        long[] counts = new long[2];
        int[] sizes = {1, 10};
        for (int i = 0; i < sizes.length; i++) {
            Path folder = FullBuild.fresh(work.resolve("incremental-" + sizes[i]));
            Corpus.multiply(corpus, folder.resolve("posts"), sizes[i]);
            Site site = new Site(URI.create("https://blog.example.com/"), "Benchmark", "Benchmark", "en", ZoneOffset.UTC,
                    new PermalinkPattern("/:year/:month/:day/:slug/"), 20);
            PostFolder posts = new PostFolder(folder.resolve("posts"));
            Publisher publisher = new Publisher(site, Templates.bundled(), 1024 * 1024, Duration.ofDays(7), posts,
                    new SiteFolder(folder.resolve("site")));
            Catalog catalog = Catalog.open(CatalogFile.open(folder.resolve("state/catalog.json")));
            Set<String> files = posts.files();
            long start = System.nanoTime();
            publisher.publish(catalog, posts.changes(files, catalog, false), NOW, new Publisher.Mode(true, true), done -> { });
            double initial = (System.nanoTime() - start) / 1e9;
            long count = PostFolder.posts(files);
            counts[i] = count;

            List<Double> times = new ArrayList<>();
            for (int post = 0; post < WARM_UP + MEASURED; post++) {
                String source = "new/2026-01-01-new-post-" + post + ".md";
                byte[] content = newPost(post);
                Files.createDirectories(folder.resolve("posts/new"));
                Files.write(folder.resolve("posts").resolve(source), content);
                long before = System.nanoTime();
                publisher.publish(catalog, List.of(Change.of(source, () -> content)), NOW, Publisher.Mode.INCREMENTAL,
                        done -> { });
                if (post >= WARM_UP) {
                    times.add((System.nanoTime() - before) / 1e6);
                }
            }
            warm[i] = Measure.median(times);

            // Untimed first: the launcher's cache for publish, and the files in the system's cache.
            Launcher.warm(work, fresh(folder, "warm-up"));
            double[] runs = new double[FRESH_RUNS];
            for (int run = 0; run < FRESH_RUNS; run++) {
                runs[run] = Measure.process(Launcher.command(fresh(folder, String.valueOf(run))), Path.of(""),
                        Launcher.env(work)).seconds();
            }
            fresh[i] = Measure.median(runs);
            rows.add(List.of(Report.number(count, 0) + " posts", Report.number(initial, 1) + " s",
                    Report.number(warm[i], 1) + " ms", Report.number(fresh[i] * 1000, 0) + " ms"));
        }
        report.table(List.of("Site", "Initial build (warm process)", "One new post, warm", "One new post, fresh process"),
                rows);
        report.line("Ten times the archive: warm " + Report.number(warm[1] / warm[0], 2) + "×, fresh process "
                + Report.number(fresh[1] / fresh[0], 2) + "×.");
        return new Result(counts[0], warm[0], warm[1], fresh[0] * 1000, fresh[1] * 1000);
    }

    /** Writes one more post into the folder, and gives the arguments that publish it. */
    private static List<String> fresh(Path folder, String name) throws java.io.IOException {
        Files.write(folder.resolve("posts/new/2026-01-01-fresh-" + name + ".md"), newPost(name.hashCode()));
        return List.of("publish", "--posts", folder.resolve("posts").toString(), "--site", folder.resolve("site").toString(),
                "--state", folder.resolve("state").toString(), "--outbox", folder.resolve("outbox").toString(),
                "--site-url", "https://blog.example.com/", "--permalink", "/:year/:month/:day/:slug/", "--now", NOW.toString());
    }

    private static byte[] newPost(int number) {
        return ("---\ntitle: A new post, number " + number + "\ntags: [news]\n---\n\nSomething new to say, with a"
                + " [link](https://example.org/) and `code`.\n\n## More\n\nAnother paragraph of text.\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
