package dev.gazette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The same posts built into pages and feeds by Gazette, Hugo and Jekyll, each several times. */
final class FullBuild {
    private static final int RUNS = 5;

    private final Path corpus;
    private final int count;
    private final Path work;
    private final Report report;

    FullBuild(Path corpus, int count, Path work, Report report) {
        this.corpus = corpus;
        this.count = count;
        this.work = work;
        this.report = report;
    }

    /** @param hugoRatio Gazette's median time over Hugo's, NaN without Hugo */
    record Result(double gazette, double hugoRatio, double jekyllRatio, long peakHeapMb) {
    }

    /** Medians of several runs of one tool. */
    private record Timing(String tool, double seconds, long rssMb) {
    }

    Result run() throws Exception {
        report.heading2("1. Full build");
        report.line("Every post into pages and feeds, from nothing, " + RUNS + " runs each, medians. Gazette as the README"
                + " runs it (`java -jar`), and with the JVM flags a short batch job on 2 cores wants"
                + " (`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`). Each in a fresh process; memory is the process's"
                + " peak resident set.");
        List<Timing> timings = new ArrayList<>();
        Timing gazette = gazette("Gazette (java -jar)", List.of());
        timings.add(gazette);
        Timing tuned = gazette("Gazette (tuned JVM flags)", Benchmarks.tuned());
        timings.add(tuned);
        Timing hugo = Measure.installed("hugo") ? hugo() : null;
        Timing jekyll = Measure.installed("jekyll") ? jekyll() : null;
        if (hugo != null) {
            timings.add(hugo);
        }
        if (jekyll != null) {
            timings.add(jekyll);
        }
        long peakHeap = peakHeap();
        List<List<String>> rows = new ArrayList<>();
        for (Timing timing : timings) {
            rows.add(List.of(timing.tool(), Report.number(timing.seconds(), 2) + " s",
                    Report.number(count / timing.seconds(), 0), timing.rssMb() < 0 ? "?" : timing.rssMb() + " MB",
                    hugo == null ? "—" : Report.number(timing.seconds() / hugo.seconds(), 2) + "×",
                    jekyll == null ? "—" : Report.number(timing.seconds() / jekyll.seconds(), 2) + "×"));
        }
        report.table(List.of("Tool", "Wall time", "Posts/s", "Peak memory", "× Hugo", "× Jekyll"), rows);
        report.line("Gazette's full build completes in a heap limited to 256 MB (`-Xmx256m`); the most it used at once"
                + " there: " + peakHeap + " MB.");
        if (hugo == null || jekyll == null) {
            report.line("Hugo or Jekyll is not installed (Debian packages hugo, jekyll, ruby-jekyll-feed): no ratio to it.");
        }
        double best = Math.min(gazette.seconds(), tuned.seconds());
        return new Result(best, hugo == null ? Double.NaN : best / hugo.seconds(),
                jekyll == null ? Double.NaN : best / jekyll.seconds(), peakHeap);
    }

    private Timing gazette(String name, List<String> flags) throws Exception {
        double[] seconds = new double[RUNS];
        long rss = 0;
        for (int i = 0; i < RUNS; i++) {
            Path run = fresh(work.resolve("gazette"));
            List<String> command = new ArrayList<>(List.of(Benchmarks.java()));
            command.addAll(flags);
            command.addAll(List.of("-jar", Benchmarks.jar(), "publish", "--posts", corpus.toString(),
                    "--site", run.resolve("site").toString(), "--state", run.resolve("state").toString(),
                    "--outbox", run.resolve("outbox").toString(), "--site-url", "https://blog.example.com/",
                    "--permalink", "/:year/:month/:day/:slug/"));
            Measure.Run result = Measure.process(command, Path.of(""), Map.of());
            seconds[i] = result.seconds();
            rss = Math.max(rss, result.maxRssKb());
        }
        return new Timing(name, Measure.median(seconds), rss / 1024);
    }

    private long peakHeap() throws Exception {
        Path run = fresh(work.resolve("gazette"));
        // In a heap of at most 256 MB: the build must fit in it, and the peak is then what it needs, not what a
        // roomier heap would let garbage grow to.
        Measure.Run result = Measure.process(List.of(Benchmarks.java(), "-Xmx256m", "-cp", Benchmarks.jar() + ":target/test-classes",
                PeakHeap.class.getName(), "publish", "--posts", corpus.toString(), "--site", run.resolve("site").toString(),
                "--state", run.resolve("state").toString(), "--outbox", run.resolve("outbox").toString(),
                "--site-url", "https://blog.example.com/", "--permalink", "/:year/:month/:day/:slug/"), Path.of(""), Map.of());
        return Long.parseLong(result.err().lines().filter(line -> line.startsWith("peak-heap-mb "))
                .findFirst().orElseThrow().substring("peak-heap-mb ".length()));
    }

    private Timing hugo() throws Exception {
        Path site = fresh(work.resolve("hugo"));
        Files.writeString(site.resolve("config.toml"), """
                baseURL = "https://blog.example.com/"
                title = "Benchmark"
                disableKinds = ["taxonomy", "term"]
                [frontmatter]
                date = [":filename", ":default"]
                [permalinks]
                posts = "/:year/:month/:day/:slug/"
                [services.rss]
                limit = 20
                [markup.goldmark.renderer]
                unsafe = true
                """);
        Path layouts = Files.createDirectories(site.resolve("layouts/_default"));
        Files.writeString(layouts.resolve("single.html"),
                "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n");
        String list = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}"
                + "<li><a href=\"{{ .Permalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n";
        Files.writeString(layouts.resolve("list.html"), list);
        Files.writeString(site.resolve("layouts/index.html"), list);
        copyTree(corpus, site.resolve("content/posts"));
        return external("Hugo", site, List.of("hugo", "--quiet", "-d"));
    }

    private Timing jekyll() throws Exception {
        Path site = fresh(work.resolve("jekyll"));
        Files.writeString(site.resolve("_config.yml"), """
                title: Benchmark
                url: https://blog.example.com
                plugins: [jekyll-feed]
                feed:
                  posts_limit: 20
                defaults:
                  - scope: {path: ""}
                    values: {render_with_liquid: false, layout: post}
                """);
        Files.createDirectories(site.resolve("_layouts"));
        Files.writeString(site.resolve("_layouts/post.html"),
                "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ content }}</body></html>\n");
        Files.writeString(site.resolve("index.html"), "---\nlayout: null\n---\n<!DOCTYPE html><html><body><ul>"
                + "{% for post in site.posts %}<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>{% endfor %}"
                + "</ul></body></html>\n");
        copyTree(corpus, site.resolve("_posts"));
        return external("Jekyll (jekyll-feed)", site, List.of("jekyll", "build", "--quiet", "-d"));
    }

    private Timing external(String name, Path site, List<String> command) throws Exception {
        double[] seconds = new double[RUNS];
        long rss = 0;
        for (int i = 0; i < RUNS; i++) {
            Path out = fresh(work.resolve(name.split(" ")[0].toLowerCase() + "-out"));
            List<String> full = new ArrayList<>(command);
            full.add(out.toString());
            Measure.Run result = Measure.process(full, site, Map.of());
            seconds[i] = result.seconds();
            rss = Math.max(rss, result.maxRssKb());
        }
        return new Timing(name, Measure.median(seconds), rss / 1024);
    }

    static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
