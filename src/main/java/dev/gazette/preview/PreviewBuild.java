package dev.gazette.preview;

import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.PostFolder;
import dev.gazette.local.SiteFolder;
import dev.gazette.post.PostException;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.ChangedPaths;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Report;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes the posts folder into the preview's own site and state folders, with the publish use case as
 * {@code gazette publish} runs it: incremental, so a save costs what it changed.
 */
final class PreviewBuild implements Closeable {
    /**
     * Noted when a file beside the posts changed, such as an image or a style sheet: any page may show it, so every
     * page reloads.
     */
    static final String BESIDE_POSTS = "_gazette/beside-posts";

    /** As {@code gazette publish}'s default: what is due in the preview is what the next run would email. */
    private static final Duration EMAIL_MAX_AGE = Duration.ofDays(7);

    private final Path posts;
    private final Path site;
    private final Path state;
    private final List<Path> skipped;
    private final Site config;
    private final CatalogFile store;

    /**
     * What a build made: the site files it changed, and each problem as one line, as {@code gazette publish} prints
     * it.
     *
     * @param digest the next digest; empty when there is no post to show in one
     */
    record Outcome(Set<String> changed, List<String> errors, List<String> warnings, Optional<NextDigest> digest) {
        /** Before the first build. */
        static final Outcome NONE = new Outcome(Set.of(), List.of(), List.of(), Optional.empty());
    }

    /**
     * @param site    the preview's site folder
     * @param state   the preview's state folder, already holding what it should start from
     * @param skipped folders of the posts folder left out, as {@code gazette publish} leaves them out
     */
    PreviewBuild(Path posts, Path site, Path state, List<Path> skipped, Site config) throws IOException {
        this.posts = posts;
        this.site = site;
        this.state = state;
        this.skipped = List.copyOf(skipped);
        this.config = config;
        this.store = CatalogFile.open(state.resolve("catalog.json"));
    }

    /** @param rewriteAll write every page again, as after a change of templates */
    Outcome build(Templates templates, DigestComposer composer, boolean rewriteAll, Instant now) throws IOException {
        Catalog catalog = Catalog.open(store);
        boolean firstRun = catalog.settings().isEmpty();
        PostFolder folder = new PostFolder(posts, state.resolve("files.json"), skipped, PostFolder.Limits.DEFAULT);
        Set<String> files = folder.files();
        ChangedPaths written = new ChangedPaths(new SiteFolder(site));
        Publisher publisher = new Publisher(config, templates, PostFolder.Limits.DEFAULT.postBytes(), EMAIL_MAX_AGE,
                folder, written);
        boolean all = rewriteAll || !Files.exists(site.resolve("index.html"));
        Report report = publisher.publish(catalog, folder.changes(files, catalog, all), now,
                new Publisher.Mode(firstRun, all), done -> { });
        folder.saveStamps(catalog);
        List<String> errors = new ArrayList<>();
        for (PostException error : report.errors()) {
            errors.add(posts.resolve(error.source()) + (error.line() > 0 ? ":" + error.line() : "") + ": "
                    + error.reason());
        }
        List<String> warnings = new ArrayList<>();
        folder.warnings().forEach(warning -> warnings.add(warning.in(posts)));
        report.warnings().forEach(warning -> warnings.add(warning.in(posts)));
        Optional<NextDigest> digest = Optional.empty();
        try {
            digest = NextDigest.of(catalog, composer, now);
        } catch (RuntimeException e) {
            // A digest template that does not compile: the site is published all the same.
            errors.add("gazette: the next digest could not be made: " + e.getMessage());
        }
        return new Outcome(changed(written.take(), catalog), errors, warnings, digest);
    }

    /** The paths the build changed, and {@link #BESIDE_POSTS} when a file beside the posts was among them. */
    private static Set<String> changed(List<String> paths, Catalog catalog) {
        Set<String> changed = new HashSet<>(paths);
        if (paths.stream().anyMatch(path -> catalog.entry(path).filter(entry -> entry.kind() == Entry.Kind.FILE)
                .isPresent())) {
            changed.add(BESIDE_POSTS);
        }
        return Set.copyOf(changed);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
