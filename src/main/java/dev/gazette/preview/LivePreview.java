package dev.gazette.preview;

import dev.gazette.digest.DigestComposer;
import dev.gazette.local.FileErrors;
import dev.gazette.local.LocalServer;
import dev.gazette.local.RealPath;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code gazette serve --watch}: the posts folder published into a temporary folder and served, published again
 * whenever a post or template is saved, with the open pages reloaded and the next digest shown. It reads the real
 * state folder once, to start from what was published and emailed, and never writes to it; it sends nothing.
 */
public final class LivePreview implements AutoCloseable {
    /**
     * The writer's folders.
     *
     * @param templates their templates, or null for the bundled ones
     * @param state     the real state folder, read once and never written; it need not exist
     * @param skipped   folders of the posts folder that are not posts, such as the outbox
     */
    public record Folders(Path posts, Path templates, Path state, List<Path> skipped) {
    }

    /**
     * How the preview's site and digest are made.
     *
     * @param siteAt the site's settings for the URL the preview is served at
     * @param from   the digest's sender
     */
    public record Looks(Function<URI, Site> siteAt, String from, DigestComposer.Content content) {
    }

    private final Folders folders;
    private final Looks looks;
    private final Path temporary;
    private final Reloads reloads = new Reloads();
    private final LocalServer server;
    private final Site site;
    private final PreviewBuild build;
    private final FolderWatcher watcher;
    private final Consumer<String> log;
    /** Signs the sample reader's unsubscribe link: a key of the preview's own, so no link of it works elsewhere. */
    private final Tokens tokens = new Tokens(randomKey());
    private volatile PreviewBuild.Outcome latest = PreviewBuild.Outcome.NONE;
    private String lastProblems = "";
    /** The templates and the digest made with them, kept between saves of posts (under the lock of rebuild). */
    private Templates compiled;
    private DigestComposer composer;
    private String lastDigest = "";

    /**
     * Builds the preview once and serves it; it is built again on every change until closed.
     *
     * @param log told of each build's problems, one line each
     */
    public LivePreview(Folders folders, Looks looks, int port, Consumer<String> log) throws IOException {
        this.folders = folders;
        this.looks = looks;
        this.log = log;
        this.temporary = Files.createTempDirectory("gazette-preview");
        LocalServer started = null;
        try {
            Path state = Files.createDirectories(temporary.resolve("state"));
            copyCatalog(folders.state(), state);
            Path siteFolder = Files.createDirectories(temporary.resolve("site"));
            started = new LocalServer(siteFolder, new PreviewPages(reloads, () -> latest), port,
                    failure -> log.accept("gazette serve: " + failure));
            this.server = started;
            this.site = looks.siteAt().apply(URI.create("http://127.0.0.1:" + server.port() + "/"));
            List<Path> skipped = new ArrayList<>(folders.skipped());
            skipped.add(temporary);
            this.build = build(folders, siteFolder, state, skipped, site);
            List<Path> watched = new ArrayList<>(List.of(RealPath.of(folders.posts())));
            if (folders.templates() != null) {
                watched.add(RealPath.of(folders.templates()));
            }
            this.watcher = new FolderWatcher(watched, skipped.stream().map(RealPath::of).toList(),
                    warning -> log.accept("gazette serve: " + warning));
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            delete(temporary);
            throw e;
        }
        rebuild(true);
        Thread watching = new Thread(this::watch, "gazette-preview-watch");
        watching.setDaemon(true);
        watching.start();
    }

    public int port() {
        return server.port();
    }

    /** The build over a copy of the state folder, whose problems name the real one, which the writer can mend. */
    private static PreviewBuild build(Folders folders, Path siteFolder, Path state, List<Path> skipped, Site site)
            throws IOException {
        try {
            return new PreviewBuild(folders.posts(), siteFolder, state, skipped, site);
        } catch (IOException e) {
            throw new IOException(String.valueOf(e.getMessage()).replace(state.toString(),
                    folders.state().toString()), e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private void watch() {
        Path templates = folders.templates() == null ? null : RealPath.of(folders.templates());
        while (true) {
            Set<Path> changed;
            try {
                changed = watcher.next();
            } catch (InterruptedException | ClosedWatchServiceException stopped) {
                return;
            } catch (IOException e) {
                // A folder that could not be watched: told, and what can still be watched goes on.
                log.accept("gazette serve: " + FileErrors.describe(e));
                changed = Set.of();
            }
            rebuild(templates != null && changed.contains(templates));
        }
    }

    /** Publishes what changed; a build that fails keeps the site as it was and shows why over every page. */
    private synchronized void rebuild(boolean templatesChanged) {
        PreviewBuild.Outcome outcome;
        try {
            if (composer == null || templatesChanged) {
                // Compiled once, and again only when a template changed: a save of a post reuses them.
                compiled = folders.templates() == null ? Templates.bundled() : Templates.from(folders.templates());
                composer = new DigestComposer(site, compiled, tokens, looks.from(),
                        "http://127.0.0.1:" + server.port(), looks.content());
            }
            outcome = build.build(compiled, composer, templatesChanged, Clock.systemUTC().instant());
        } catch (IOException e) {
            outcome = failed(FileErrors.describe(e));
        } catch (RuntimeException e) {
            outcome = failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Set<String> changed = new HashSet<>(outcome.changed());
        String problems = String.join("\n", outcome.errors()) + "\n\n" + String.join("\n", outcome.warnings());
        if (!problems.equals(lastProblems)) {
            changed.add(PreviewPages.PROBLEMS);
            outcome.errors().forEach(log);
            outcome.warnings().forEach(log);
        }
        String digest = outcome.digest().map(NextDigest::fingerprint).orElse("");
        if (!Objects.equals(digest, lastDigest)) {
            changed.add(PreviewPages.DIGEST);
        }
        lastProblems = problems;
        lastDigest = digest;
        latest = outcome;
        reloads.built(changed);
    }

    /** The site as the last build left it, with why this one failed over every page. */
    private PreviewBuild.Outcome failed(String reason) {
        return new PreviewBuild.Outcome(Set.of(), List.of("gazette: the preview could not be published: " + reason),
                List.of(), latest.digest());
    }

    /**
     * Starts the preview's state from the real one's catalog, so what was published and emailed is as it is: the
     * next digest is then the one the next run would send. Only read, never written.
     */
    private static void copyCatalog(Path real, Path copy) throws IOException {
        for (String name : List.of("catalog.json", "catalog.log")) {
            if (Files.isRegularFile(real.resolve(name))) {
                Files.copy(real.resolve(name), copy.resolve(name));
            }
        }
        Path html = real.resolve("html");
        if (!Files.isDirectory(html)) {
            return;
        }
        Files.walkFileTree(html, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(copy.resolve(real.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, copy.resolve(real.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException left) {
            // A temporary folder: the system clears it in time.
        }
    }

    /** Stops watching and serving, and deletes the preview's folders. */
    @Override
    public void close() {
        server.close();
        try {
            watcher.close();
        } catch (IOException ignored) {
            // Closing is all that was asked.
        }
        synchronized (this) {
            try {
                build.close();
            } catch (IOException ignored) {
                // The store is about to be deleted with the rest.
            }
            delete(temporary);
        }
    }
}
