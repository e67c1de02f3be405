package dev.gazette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The same posts built into pages and feeds by Gazette (as the README runs it, and with plain {@code java -jar}),
 * Hugo and Jekyll: rounds in which each tool runs once, so that the machine's other work falls on all alike.
 */
final class FullBuild {
    static final int ROUNDS = 9;

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

    /**
     * @param launcher   seconds of the README's command ({@code bin/gazette})
     * @param plain      seconds of plain {@code java -jar}
     * @param hugoRatio  the README's command over Hugo, NaN without Hugo
     * @param launcherRssMb peak resident memory of the README's command
     */
    record Result(double launcher, double plain, double hugoRatio, double plainHugoRatio, double jekyllRatio,
                  long launcherRssMb, long plainRssMb, long peakHeapMb) {
    }

    /** One tool: the command for an output folder, and what it measured. */
    private static final class Tool {
        final String name;
        final java.util.function.Function<Path, Measure.Run> run;
        final List<Double> seconds = new ArrayList<>();
        long rssKb;

        Tool(String name, java.util.function.Function<Path, Measure.Run> run) {
            this.name = name;
            this.run = run;
        }

        double median() {
            return Measure.median(seconds);
        }
    }

    Result run() throws Exception {
        report.heading2("1. Full build");
        report.line("Every post into pages and feeds, from nothing, medians of " + ROUNDS + " rounds; in each round"
                + " every tool runs once, in a fresh process, into an output folder of a new name, and no output is"
                + " deleted until the whole benchmark is done: for some minutes after many files are deleted, ext4"
                + " takes longer to create each new one, in any folder, which would charge the tool that writes the"
                + " most files for the rounds before. Gazette as the README runs it (`bin/gazette`:"
                + " `-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC` and a class-data archive, made"
                + " by an untimed run before), and with plain `java -jar`. Memory is the process's peak resident set.");
        Launcher.warm(work, gazette(work.resolve("launcher-warm-up")));
        Tool launcher = new Tool("Gazette (bin/gazette, as the README runs it)",
                out -> Measure.unchecked(() -> Measure.process(Launcher.command(gazette(out)), Path.of(""), Launcher.env(work))));
        Tool plain = new Tool("Gazette (java -jar)", out -> Measure.unchecked(() -> {
            List<String> command = new ArrayList<>(List.of(Benchmarks.java(), "-jar", Benchmarks.jar()));
            command.addAll(gazette(out));
            return Measure.process(command, Path.of(""), Map.of());
        }));
        List<Tool> tools = new ArrayList<>(List.of(launcher, plain));
        Tool hugo = Measure.installed("hugo") ? hugo() : null;
        Tool jekyll = Measure.installed("jekyll") ? jekyll() : null;
        if (hugo != null) {
            tools.add(hugo);
        }
        if (jekyll != null) {
            tools.add(jekyll);
        }
        Path runs = Files.createDirectories(work.resolve("full-build"));
        for (int round = 0; round < ROUNDS; round++) {
            for (Tool tool : tools) {
                Path out = runs.resolve(tool.name.split(" ")[0].toLowerCase() + "-" + tools.indexOf(tool) + "-" + round);
                Measure.Run result = tool.run.apply(out);
                tool.seconds.add(result.seconds());
                tool.rssKb = Math.max(tool.rssKb, result.maxRssKb());
            }
        }
        long peakHeap = peakHeap();
        List<List<String>> rows = new ArrayList<>();
        for (Tool tool : tools) {
            rows.add(List.of(tool.name, Report.number(tool.median(), 2) + " s",
                    Report.number(count / tool.median(), 0), tool.rssKb <= 0 ? "?" : tool.rssKb / 1024 + " MB",
                    hugo == null ? "—" : Report.number(tool.median() / hugo.median(), 2) + "×",
                    jekyll == null ? "—" : Report.number(tool.median() / jekyll.median(), 2) + "×"));
        }
        report.table(List.of("Tool", "Wall time", "Posts/s", "Peak memory", "× Hugo", "× Jekyll"), rows);
        report.line("Gazette's full build completes in a heap limited to 256 MB (`-Xmx256m`); the most it used at once"
                + " there: " + peakHeap + " MB.");
        if (hugo == null || jekyll == null) {
            report.line("**Hugo or Jekyll is not installed** (Debian packages hugo, jekyll, ruby-jekyll-feed; `bench/run`"
                    + " installs them when run as root): no ratio to it.");
        }
        double hugoSeconds = hugo == null ? Double.NaN : hugo.median();
        return new Result(launcher.median(), plain.median(), launcher.median() / hugoSeconds,
                plain.median() / hugoSeconds, jekyll == null ? Double.NaN : launcher.median() / jekyll.median(),
                launcher.rssKb / 1024, plain.rssKb / 1024, peakHeap);
    }

    /** Gazette's arguments for a full build into {@code out}. */
    private List<String> gazette(Path out) {
        return List.of("publish", "--posts", corpus.toString(), "--site", out.resolve("site").toString(),
                "--state", out.resolve("state").toString(), "--outbox", out.resolve("outbox").toString(),
                "--site-url", "https://blog.example.com/", "--permalink", "/:year/:month/:day/:slug/");
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

    private Tool hugo() throws Exception {
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

    private Tool jekyll() throws Exception {
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

    private static Tool external(String name, Path site, List<String> command) {
        return new Tool(name, out -> Measure.unchecked(() -> {
            List<String> full = new ArrayList<>(command);
            full.add(out.toAbsolutePath().toString());
            return Measure.process(full, site, Map.of());
        }));
    }

    static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static Path fresh(Path folder) throws IOException {
        delete(folder);
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
