package dev.gazette.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A writer's blog in a temporary folder, published with {@code gazette publish} as a writer would run it. */
final class Blog {
    final Path root;
    final Path posts;
    final Path site;
    final Path outbox;
    final Path state;
    private final List<String> options = new ArrayList<>();

    Blog(Path root, String... options) throws IOException {
        this.root = root;
        this.posts = Files.createDirectories(root.resolve("posts"));
        this.site = root.resolve("site");
        this.outbox = root.resolve("outbox");
        this.state = root.resolve("state");
        this.options.addAll(List.of(options));
    }

    Blog post(String name, String text) throws IOException {
        Path file = posts.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return this;
    }

    Blog delete(String name) throws IOException {
        Files.delete(posts.resolve(name));
        return this;
    }

    Blog subscribers(String csv) throws IOException {
        Files.writeString(root.resolve("subscribers.csv"), csv, StandardCharsets.UTF_8);
        options.addAll(List.of("--subscribers", root.resolve("subscribers.csv").toString()));
        return this;
    }

    /** Publishes with {@code --permalink /posts/:slug/} unless another is given, as the tests' sites were made. */
    Run publish(String now, String... more) {
        boolean given = options.contains("--permalink") || List.of(more).contains("--permalink");
        return publishWithDefaults(now, given ? more : concat(more, "--permalink", "/posts/:slug/"));
    }

    /** Publishes with Gazette's own defaults for the options not given. */
    Run publishWithDefaults(String now, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--posts", posts.toString(), "--site", site.toString(),
                "--site-url", "https://example.com/", "--title", "Example Blog", "--outbox", outbox.toString(),
                "--state", state.toString(), "--now", now, "--from", "Example Blog <news@example.com>"));
        args.addAll(options);
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(exit, out.toString().strip(), err.toString().strip());
    }

    /**
     * Publishes in a Java of its own whose heap is {@code maxHeap} ({@code 160m}), as a writer would run it with
     * {@code JAVA_OPTS=-Xmx…}, so that running out of memory is the run's, not the tests'.
     */
    Run publishInHeapOf(String maxHeap) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "publish", "--posts", posts.toString(), "--site", site.toString(), "--state", state.toString(),
                "--site-url", "https://example.com/");
        Process gazette = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gazette.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(gazette.waitFor(), output, "");
    }

    private static String[] concat(String[] first, String... second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
    }

    String site(String path) throws IOException {
        return Files.readString(site.resolve(path), StandardCharsets.UTF_8);
    }

    boolean onSite(String path) {
        return Files.exists(site.resolve(path));
    }

    /** Every file of the site with when it was last written, to tell whether a run touched any. */
    Map<String, FileTime> siteFiles() throws IOException {
        Map<String, FileTime> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(site.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return files;
    }

    /** Every email in the outbox, by path relative to it. */
    List<Path> emails() throws IOException {
        if (!Files.exists(outbox)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outbox)) {
            return walk.filter(file -> file.toString().endsWith(".eml")).map(outbox::relativize).sorted().toList();
        }
    }

    String email(Path relative) throws IOException {
        return Files.readString(outbox.resolve(relative), StandardCharsets.UTF_8);
    }

    record Run(int exit, String out, String err) {
    }
}
