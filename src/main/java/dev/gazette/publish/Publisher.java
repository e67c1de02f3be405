package dev.gazette.publish;

import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.post.PostParser;
import dev.gazette.render.LocalLink;
import dev.gazette.render.PostRenderer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Publishes changed post files: renders them, writes their pages, the index and the feeds they appear in, and
 * records in the catalog which new posts are due for email. Used by {@code gazette publish} on a folder and by the
 * Lambda function on one uploaded file alike. Thread-safe; one run at a time per catalog.
 */
public final class Publisher {
    /**
     * Bump when rendering, or what the catalog keeps of a published post, changes: every published post is then
     * rendered and recorded again. 2: where each post text is published, for posts that move. 3: commonmark-java
     * 0.30, and tag feeds under percent-encoded keys. 4: tag pages, linked from the posts, and old paths.
     */
    private static final String RENDERING = "4";
    /** How many posts a run renders and lays out at once. */
    private static final int PAGE_BATCH = 256;
    /** How often {@link #publishKeys} publishes a key again that another publisher changed meanwhile. */
    private static final int MAX_ROUNDS = 3;

    private final Site site;
    private final PostParser parser;
    private final PostRenderer renderer;
    private final PageWriter pages;
    private final Feeds feeds;
    private final Duration emailMaxAge;
    private final PostFiles postFiles;
    private final SiteFiles siteFiles;

    /**
     * @param maxPostBytes the largest post file accepted
     * @param emailMaxAge  a post dated longer than this before it is published is never emailed: an archive
     *                     uploaded at once must not land in every inbox
     */
    public Publisher(Site site, Templates templates, long maxPostBytes, Duration emailMaxAge,
                     PostFiles postFiles, SiteFiles siteFiles) {
        this.site = site;
        this.parser = new PostParser(site.zone(), maxPostBytes);
        this.renderer = new PostRenderer(site);
        this.pages = new PageWriter(site, templates);
        this.feeds = new Feeds(site);
        this.emailMaxAge = emailMaxAge;
        this.postFiles = postFiles;
        this.siteFiles = siteFiles;
    }

    /**
     * Whether a file of the posts folder is left out of the site: hidden files and folders ({@code .git},
     * {@code .DS_Store}) and {@code README.md} files, which describe a folder rather than being a post.
     */
    public static boolean ignores(String source) {
        for (String segment : source.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        String name = source.substring(source.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return PostParser.isPost(name) && name.startsWith("readme.");
    }

    /**
     * How a run treats what it publishes.
     *
     * @param archive    every post published in this run is old news and emailed to nobody: the first run on an
     *                   existing blog
     * @param rewriteAll write every page and feed, not only those the changes touch, so a site folder that was
     *                   deleted or edited by hand is made whole again; files that did not change are still left alone
     */
    public record Mode(boolean archive, boolean rewriteAll, boolean alone) {
        /**
         * A run in the cloud, on one upload: it writes only what the change touches, and other runs may be under
         * way at once.
         */
        public static final Mode INCREMENTAL = new Mode(false, false, false);

        /** A run that holds the state alone, as {@code gazette publish} holds the state folder. */
        public Mode(boolean archive, boolean rewriteAll) {
            this(archive, rewriteAll, true);
        }
    }

    /** Longer than any run lasts (a Lambda function runs 15 minutes at most): a file begun earlier was left. */
    private static final Duration LONGEST_RUN = Duration.ofMinutes(20);

    /**
     * @param changes  files that are new, changed or gone since the last run; files whose content did not change
     *                 are passed over
     * @param progress told how many changes have been read, for a large folder
     */
    public Report publish(Catalog catalog, List<Change> changes, Instant now, Mode mode, IntConsumer progress)
            throws IOException {
        Set<String> sources = new HashSet<>();
        changes.forEach(change -> sources.add(change.source()));
        return new Run(catalog, now, mode, sources).publish(changes, progress);
    }

    /** Where the files of a notification are looked up, as they are now. */
    public interface Uploads {
        /** The file at {@code key}, looked up but not read yet; empty when it is gone. */
        Optional<? extends Change.Content> look(String key) throws IOException;
    }

    /**
     * Publishes the post files at {@code keys} as they are now, as for a notification of the posts bucket: a key
     * whose file is gone is taken off. Another publisher may publish a newer version of a key meanwhile and finish
     * first; so once done, each key is looked up again, and published again if it changed, until what is published
     * is what the bucket holds: an older version never has the last word.
     */
    public Report publishKeys(Catalog catalog, List<String> keys, Uploads uploads, Instant at) throws IOException {
        Report report = null;
        List<String> toPublish = keys;
        for (int round = 1; report == null || !toPublish.isEmpty() && round <= MAX_ROUNDS; round++) {
            Map<String, Optional<String>> before = new HashMap<>();
            List<Change> changes = new ArrayList<>();
            for (String key : toPublish) {
                Optional<? extends Change.Content> content = uploads.look(key);
                before.put(key, version(content));
                changes.add(content.<Change>map(found -> Change.of(key, found)).orElse(Change.removed(key)));
            }
            Report done = publish(catalog, changes, at, Mode.INCREMENTAL, count -> { });
            report = report == null ? done : report.and(done);
            toPublish = changedSince(catalog, before, uploads, done, at);
        }
        return report;
    }

    /** What tells one version of a file from another; empty when it is gone or cannot be read. */
    private static Optional<String> version(Optional<? extends Change.Content> content) {
        try {
            return content.isEmpty() ? Optional.empty() : Optional.of(content.get().hash());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The keys whose file is no longer what this run looked up and published, leaving out those it refused. They
     * are marked unfinished, so the next round writes them again even where another publisher recorded the new
     * version in the catalog first.
     */
    private List<String> changedSince(Catalog catalog, Map<String, Optional<String>> before, Uploads uploads,
                                      Report done, Instant at) throws IOException {
        Set<String> refused = new HashSet<>();
        done.errors().forEach(error -> refused.add(error.source()));
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> key : before.entrySet()) {
            if (ignores(key.getKey()) || refused.contains(key.getKey())) {
                continue;
            }
            Optional<String> now = version(uploads.look(key.getKey()));
            if (!now.equals(key.getValue())) {
                catalog.begin(key.getKey(), now.orElse("gone"), at);
                changed.add(key.getKey());
            }
        }
        return changed;
    }

    /**
     * One run's work and what it found: it reads the changes, renders the posts that changed, and hands the
     * permalinks ({@link Permalinks}), the email decisions ({@link MailingPolicy}) and the listings
     * ({@link Listings}) to their own rules.
     */
    private final class Run {
        private final Catalog catalog;
        private final Instant now;
        private final Mode mode;
        private final boolean rerender;
        private final MailingPolicy mailing;
        private final Listings listings;
        private final Permalinks permalinks;
        private final Redirects redirects;
        /** Files an earlier run began and did not finish: this run does them again, whatever their hash. */
        private final Set<String> unfinished;
        /** Files this run began to change, finished once the pages and listings are written. */
        private final Set<String> begun = new LinkedHashSet<>();

        private final Map<String, Post> toRender = new TreeMap<>();
        private final Map<String, String> hashes = new HashMap<>();
        private final Set<String> moved = new LinkedHashSet<>();
        private final Map<String, RenderedPost> rendered = new LinkedHashMap<>();
        private final List<String> created = new ArrayList<>();
        private final List<String> updated = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<PostException> errors = new ArrayList<>();
        private final List<Report.Warning> linkWarnings = new ArrayList<>();
        private int written;
        private boolean changed;

        /**
         * @param sources the files of the changes: those a failed run left unfinished are done again, and so are
         *                any a run left longer ago than a run lasts (or any at all, when this run is alone)
         */
        Run(Catalog catalog, Instant now, Mode mode, Set<String> sources) {
            this.catalog = catalog;
            this.now = now;
            this.mode = mode;
            this.permalinks = new Permalinks(site, catalog, catalog.settings().flatMap(Publisher::permalinksOf));
            this.redirects = new Redirects(pages, siteFiles, catalog);
            this.rerender = !catalog.settings().orElse("").equals(settings(permalinks.pattern()));
            Set<String> unfinished = new HashSet<>(catalog.pendingSince(mode.alone() ? Instant.MAX
                    : now.minus(LONGEST_RUN)));
            catalog.pending().stream().filter(sources::contains).forEach(unfinished::add);
            this.unfinished = unfinished;
            this.mailing = new MailingPolicy(catalog, now, mode.archive(), emailMaxAge, this::fileIsGone);
            // What an unfinished run took off is no longer in the catalog to say which months it was in: all are.
            this.listings = new Listings(site, pages, feeds, siteFiles, catalog,
                    mode.rewriteAll() || !unfinished.isEmpty(), mode.alone());
        }

        Report publish(List<Change> changes, IntConsumer progress) throws IOException {
            Set<String> sources = readChanges(changes, progress);
            for (String source : unfinished) {
                if (!sources.contains(source)) {
                    reread(source, true);
                }
                changed = true;
            }
            for (Entry entry : catalog.scheduledUntil(now)) {
                if (!sources.contains(entry.source())) {
                    reread(entry.source(), true);
                }
            }
            if (rerender) {
                for (Entry entry : catalog.entries(Entry.Kind.PUBLISHED)) {
                    if (!sources.contains(entry.source())) {
                        reread(entry.source(), true);
                    }
                }
            }
            renderAll();
            rereadLinkingToMoved();
            renderAll();
            writeSite();
            // Last: a run that stops before the end leaves the old settings and its files unfinished, and the next
            // run (Lambda's retry, or the next publish) renders and writes them again.
            catalog.putSettings(settings(permalinks.pattern()));
            for (String source : begun) {
                catalog.finish(source);
            }
            for (String source : unfinished) {
                catalog.finish(source);
            }
            return report();
        }

        /** @return the sources of the changes read */
        private Set<String> readChanges(List<Change> changes, IntConsumer progress) throws IOException {
            Map<String, Change> bySource = new TreeMap<>();
            for (Change change : changes) {
                if (!ignores(change.source())) {
                    bySource.put(change.source(), change);
                }
            }
            // Reading, hashing and parsing a post needs nothing of the others: on all cores at once, ahead of
            // taking each in, in order, here. The catalog is only read meanwhile.
            List<Change> toRead = bySource.values().stream()
                    .filter(change -> !change.isRemoval() && PostParser.isPost(change.source())).toList();
            List<ReadPost> read = OnAllCores.map(toRead, change -> ReadPost.of(parser, change));
            Map<String, ReadPost> posts = new HashMap<>();
            for (int i = 0; i < toRead.size(); i++) {
                posts.put(toRead.get(i).source(), read.get(i));
            }
            int done = 0;
            for (Change change : bySource.values()) {
                if (change.isRemoval()) {
                    remove(change.source());
                } else if (posts.containsKey(change.source())) {
                    read(change.source(), posts.remove(change.source()));
                } else {
                    copy(change.source(), change.content());
                }
                progress.accept(++done);
            }
            return bySource.keySet();
        }

        /** Posts that link to a post whose permalink changed are rendered again, so their links follow it. */
        private void rereadLinkingToMoved() throws IOException {
            if (moved.isEmpty()) {
                return;
            }
            for (Entry linking : catalog.linkingTo(Set.copyOf(moved))) {
                // A post that broke in this run was reported already.
                String source = linking.source();
                boolean broken = errors.stream().anyMatch(error -> error.source().equals(source));
                if (!rendered.containsKey(source) && !broken) {
                    reread(source, false);
                }
            }
        }

        private Report report() {
            List<Entry> scheduled = new ArrayList<>(catalog.entries(Entry.Kind.SCHEDULED));
            scheduled.sort(Comparator.comparing(Entry::date).thenComparing(Entry::source));
            List<Report.Warning> warnings = new ArrayList<>(linkWarnings);
            for (RenderedPost page : rendered.values()) {
                for (String target : new TreeSet<>(page.linkedPosts())) {
                    if (catalog.entry(target).filter(Entry::isPublished).isEmpty()) {
                        warnings.add(new Report.Warning(page.source(), "links to " + target + ", which is not a"
                                + " published post (a draft, dated later, or no such file): the link leads nowhere"
                                + " until it is"));
                    }
                }
            }
            return new Report(created, updated, removed, errors, mailing.notMailed(), warnings,
                    catalog.entries(Entry.Kind.DRAFT).size(), scheduled, written + listings.written());
        }

        private void read(String source, ReadPost read) throws IOException {
            if (read.unreadable() != null) {
                cannotRead(source, read.unreadable());
                return;
            }
            Optional<Entry> old = catalog.entry(source);
            boolean same = old.isPresent() && old.get().hash().equals(read.hash()) && !unfinished.contains(source);
            if (!same || rerender && old.get().isPublished() || isDue(old.get())) {
                take(source, read);
            }
        }

        private boolean isDue(Entry entry) {
            return entry.kind() == Entry.Kind.SCHEDULED && !entry.date().isAfter(now);
        }

        /** Reads a post that did not change itself again: its date came, or a post it links to moved. */
        private void reread(String source, boolean removeWhenGone) throws IOException {
            Optional<byte[]> content;
            try {
                content = postFiles.read(source);
            } catch (Change.Unreadable e) {
                cannotRead(source, e);
                return;
            }
            if (content.isPresent()) {
                parse(source, content.get(), Entry.hashOf(content.get()));
            } else if (removeWhenGone) {
                remove(source);
            }
        }

        /** Copies a file that is not a post as it is, streamed: it may be larger than memory. */
        private void copy(String source, Change.Content content) throws IOException {
            if (Permalinks.writtenByGazette(source) || source.endsWith("/index.html")
                    || catalog.atPath(source).isPresent() || permalinks.redirectAt(source).isPresent()) {
                errors.add(new PostException(source, 0,
                        "Gazette writes a file of this name itself; move it to another folder"));
                return;
            }
            String hash;
            try {
                hash = content.hash();
            } catch (IOException e) {
                cannotRead(source, e);
                return;
            }
            boolean same = catalog.entry(source).map(entry -> entry.hash().equals(hash)).orElse(false)
                    && !unfinished.contains(source);
            if (same && !mode.rewriteAll()) {
                return;
            }
            begin(source, hash);
            try {
                if (siteFiles.copy(source, content)) {
                    written++;
                }
            } catch (Change.Unreadable e) {
                cannotRead(source, e);
                return;
            }
            catalog.put(new Entry(source, hash, Entry.Kind.FILE, null, null));
        }

        /** A file that cannot be read is its own error: an {@link Change.Unreadable} one says why itself. */
        private void cannotRead(String source, IOException e) {
            errors.add(new PostException(source, 0, e instanceof Change.Unreadable
                    ? e.getMessage() : "cannot read the file: " + e.getMessage()));
        }

        private void parse(String source, byte[] content, String hash) throws IOException {
            take(source, ReadPost.parse(parser, source, new Change.Hashed(content, hash)));
        }

        /** Takes a post in: a draft or a post dated later into the catalog, any other to be rendered. */
        private void take(String source, ReadPost read) throws IOException {
            if (read.broken() != null) {
                errors.add(read.broken());
                return;
            }
            Post post = read.post();
            String hash = read.hash();
            if (post.draft() || post.date().isAfter(now)) {
                begin(source, hash);
            }
            if (post.draft()) {
                unpublish(source);
                catalog.put(new Entry(source, hash, Entry.Kind.DRAFT, post.date(), null));
            } else if (post.date().isAfter(now)) {
                unpublish(source);
                catalog.put(new Entry(source, hash, Entry.Kind.SCHEDULED, post.date(), null));
            } else {
                toRender.put(source, post);
                hashes.put(source, hash);
            }
        }

        private void remove(String source) throws IOException {
            Optional<Entry> entry = catalog.entry(source);
            if (entry.isEmpty()) {
                return;
            }
            begin(source, entry.get().hash());
            if (entry.get().kind() == Entry.Kind.FILE) {
                siteFiles.delete(source);
                written++;
            } else {
                unpublish(source);
            }
            catalog.remove(source);
        }

        private void unpublish(String source) throws IOException {
            Optional<Entry> entry = catalog.entry(source);
            if (entry.isEmpty() || !entry.get().isPublished()) {
                return;
            }
            RenderedPost post = entry.get().post();
            begin(source, entry.get().hash());
            siteFiles.delete(PermalinkPattern.file(post.path()));
            written += 1 + redirects.remove(post, post.aliases());
            listings.touch(post);
            moved.add(source);
            removed.add(source);
            catalog.remove(source);
            changed = true;
        }

        private void renderAll() throws IOException {
            Map<String, String> paths = permalinks.claim(toRender.values(), errors, source -> {
                if (!fileIsGone(source)) {
                    return false;
                }
                unpublish(source);
                return true;
            });
            // Rendering is most of a full build, and each post renders alone, its page and its warnings with it: on
            // all cores at once. The catalog is only read while posts render.
            Function<String, String> permalinkOf = source -> paths.containsKey(source)
                    ? site.link(paths.get(source))
                    : catalog.entry(source).filter(Entry::isPublished).map(entry -> entry.post().url()).orElse(null);
            // A batch at a time: every post's page at once would take much memory in a large archive.
            List<Map.Entry<String, String>> all = new ArrayList<>(paths.entrySet());
            for (int from = 0; from < all.size(); from += PAGE_BATCH) {
                List<Map.Entry<String, String>> batch = all.subList(from, Math.min(from + PAGE_BATCH, all.size()));
                for (Made post : OnAllCores.map(batch, path -> make(toRender.get(path.getKey()), path.getValue(),
                        permalinkOf))) {
                    if (post.broken() != null) {
                        errors.add(post.broken());
                    } else {
                        publish(post.page(), post.html());
                        linkWarnings.addAll(post.warnings());
                    }
                }
            }
            toRender.clear();
        }

        /** A post rendered, with its page, or why it could not be. */
        private Made make(Post post, String path, Function<String, String> permalinkOf) {
            List<LocalLink> links = new ArrayList<>();
            try {
                RenderedPost page = renderer.render(post, path, permalinkOf, links::add);
                return new Made(page, pages.post(page).getBytes(StandardCharsets.UTF_8),
                        LocalLinks.check(post, links, catalog), null);
            } catch (PostException e) {
                return new Made(null, null, List.of(), e);
            }
        }

        private void publish(RenderedPost page, byte[] html) throws IOException {
            String source = page.source();
            Optional<Entry> old = catalog.entry(source);
            begin(source, hashes.get(source));
            deleteIfOnlyCaseMoved(old.filter(Entry::isPublished).map(Entry::post), page);
            writePage(page, html, old.filter(Entry::isPublished).map(entry -> entry.post().aliases()).orElse(List.of()));
            // The post first, its place in the ledger after: a digest that sees it due finds it published.
            catalog.put(Entry.published(hashes.get(source), page));
            if (old.isPresent() && old.get().isPublished()) {
                RenderedPost before = old.get().post();
                if (!before.path().equals(page.path())) {
                    // Unless its page is in the same file, or the post redirects from where it was, as a post given a
                    // new permalink should.
                    String file = PermalinkPattern.file(before.path());
                    if (!Permalinks.key(file).equals(Permalinks.key(page.path()))
                            && page.aliases().stream().map(PermalinkPattern::file).noneMatch(file::equals)) {
                        siteFiles.delete(file);
                    }
                    moved.add(source);
                    mailing.moved(before.url(), page);
                } else if (unfinished.contains(source)) {
                    // The run that published it may have stopped before deciding whether to email it.
                    mailing.published(page, hashes.get(source));
                }
                listings.touch(before);
                if (!updated.contains(source) && !created.contains(source)) {
                    updated.add(source);
                }
            } else {
                moved.add(source);
                created.add(source);
                removed.remove(source);
                mailing.published(page, hashes.get(source));
            }
            catalog.notePublishedAt(hashes.get(source), page.url());
            rendered.put(source, page);
            listings.touch(page);
            changed = true;
        }

        /**
         * Deletes the page of a post whose permalink changed only in case ({@code /About/} to {@code /about/}), before
         * its new page is written: on macOS and Windows both are one file, which deleting after would take away.
         */
        private void deleteIfOnlyCaseMoved(Optional<RenderedPost> before, RenderedPost page) throws IOException {
            if (before.isPresent()) {
                String file = PermalinkPattern.file(before.get().path());
                boolean onlyCase = Permalinks.key(file).equals(Permalinks.key(page.path()));
                if (onlyCase && !file.equals(PermalinkPattern.file(page.path()))) {
                    siteFiles.delete(file);
                }
            }
        }

        private void writePage(RenderedPost post, byte[] html, List<String> aliasesBefore) throws IOException {
            if (siteFiles.write(PermalinkPattern.file(post.path()), html)) {
                written++;
            }
            written += redirects.write(post, aliasesBefore);
        }

        /** Notes that this run changes what is published of {@code source}, until it finishes. */
        private void begin(String source, String hash) throws IOException {
            if (begun.add(source)) {
                catalog.begin(source, hash, now);
            }
        }

        /** Whether a post's file is no longer there; when that cannot be told, it is taken to be there. */
        private boolean fileIsGone(String source) {
            try {
                return postFiles.read(source).isEmpty();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private void writeSite() throws IOException {
            if (mode.rewriteAll()) {
                List<RenderedPost> all = catalog.newest(Integer.MAX_VALUE);
                all.forEach(listings::touch);
                List<RenderedPost> toWrite = all.stream().filter(post -> !rendered.containsKey(post.source())).toList();
                // Laid out on all cores, a batch at a time: a whole archive's pages at once would take much memory.
                for (int from = 0; from < toWrite.size(); from += PAGE_BATCH) {
                    List<RenderedPost> batch = toWrite.subList(from, Math.min(from + PAGE_BATCH, toWrite.size()));
                    List<byte[]> html = OnAllCores.map(batch, post -> pages.post(post).getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < batch.size(); i++) {
                        writePage(batch.get(i), html.get(i), batch.get(i).aliases());
                    }
                }
            }
            if (changed || mode.rewriteAll()) {
                listings.write();
            }
        }
    }

    /** A post rendered on any thread: its page's HTML and the warnings about its links, or why it broke. */
    private record Made(RenderedPost page, byte[] html, List<Report.Warning> warnings, PostException broken) {
    }

    /** A post read and parsed on any thread: its hash and post, or why it could not be read or parsed. */
    private record ReadPost(String hash, Post post, PostException broken, IOException unreadable) {
        static ReadPost of(PostParser parser, Change change) {
            try {
                return parse(parser, change.source(), change.content().readHashed());
            } catch (IOException e) {
                return new ReadPost(null, null, null, e);
            }
        }

        static ReadPost parse(PostParser parser, String source, Change.Hashed read) {
            try {
                return new ReadPost(read.hash(), parser.parse(source, read.content()), null, null);
            } catch (PostException e) {
                return new ReadPost(read.hash(), null, e, null);
            }
        }
    }

    /** What the pages and feeds depend on beyond the posts' own files: when it changes, all is written again. */
    private String settings(PermalinkPattern permalinks) {
        return String.join("|", RENDERING, site.url().toString(), permalinks.pattern(), site.zone().getId(),
                site.title(), site.description(), site.language(), String.valueOf(site.feedSize()), site.hub());
    }

    /**
     * The permalink pattern {@link #settings} recorded: the third field, after the rendering version and the site
     * URL (neither holds '|'), up to the time zone (a pattern may hold '|', a zone id never does).
     */
    static Optional<PermalinkPattern> permalinksOf(String settings) {
        String[] fields = settings.split("\\|", -1);
        for (int end = 3; end < fields.length; end++) {
            String pattern = String.join("|", Arrays.asList(fields).subList(2, end));
            try {
                ZoneId.of(fields[end]);
                return Optional.of(new PermalinkPattern(pattern));
            } catch (DateTimeException | IllegalArgumentException notThere) {
                // Not the zone or not a whole pattern yet: the pattern goes on past this '|'.
            }
        }
        return Optional.empty();
    }
}
