package dev.gazette.publish;

import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.post.PostParser;
import dev.gazette.render.PostRenderer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
     * 0.30, and tag feeds under percent-encoded keys.
     */
    private static final String RENDERING = "3";
    /** How many of the newest posts the home page lists; the archive has the rest. */
    private static final int INDEX_SIZE = 50;
    /** How often a run writes the listings again because others wrote them meanwhile, before it gives up. */
    private static final int MAX_ATTEMPTS = 30;
    /** Site files Gazette writes at the root; no file of the posts folder may take their place. */
    private static final Set<String> RESERVED = Set.of("index.html", "feed.xml", "atom.xml", "feed.json",
            Feeds.STYLESHEET);

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
    public record Mode(boolean archive, boolean rewriteAll) {
        /** A run in the cloud, on one upload: it writes only what the change touches. */
        public static final Mode INCREMENTAL = new Mode(false, false);
    }

    /**
     * @param changes  files that are new, changed or gone since the last run; files whose content did not change
     *                 are passed over
     * @param progress told how many changes have been read, for a large folder
     */
    public Report publish(Catalog catalog, List<Change> changes, Instant now, Mode mode, IntConsumer progress)
            throws IOException {
        return new Run(catalog, now, mode).publish(changes, progress);
    }

    /** One run's work and what it found. */
    private final class Run {
        private final Catalog catalog;
        private final Instant now;
        private final Mode mode;
        private final boolean rerender;

        private final Map<String, Post> toRender = new TreeMap<>();
        private final Map<String, String> hashes = new HashMap<>();
        private final Set<String> moved = new LinkedHashSet<>();
        private final Map<String, RenderedPost> rendered = new LinkedHashMap<>();
        private final Set<String> tagKeys = new LinkedHashSet<>();
        private final Set<YearMonth> changedMonths = new LinkedHashSet<>();
        private final ZoneRules zoneRules = site.zone().getRules();
        private final List<String> created = new ArrayList<>();
        private final List<String> updated = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<PostException> errors = new ArrayList<>();
        private final List<Report.NotMailed> notMailed = new ArrayList<>();
        private final List<Report.Warning> warnings = new ArrayList<>();
        private int written;
        private boolean changed;

        Run(Catalog catalog, Instant now, Mode mode) {
            this.catalog = catalog;
            this.now = now;
            this.mode = mode;
            this.rerender = !catalog.settings().orElse("").equals(settings());
        }

        Report publish(List<Change> changes, IntConsumer progress) throws IOException {
            Map<String, Change> bySource = new TreeMap<>();
            for (Change change : changes) {
                if (!ignores(change.source())) {
                    bySource.put(change.source(), change);
                }
            }
            int done = 0;
            for (Change change : bySource.values()) {
                if (change.isRemoval()) {
                    remove(change.source());
                } else {
                    read(change);
                }
                progress.accept(++done);
            }
            for (Entry entry : catalog.scheduledUntil(now)) {
                if (!bySource.containsKey(entry.source())) {
                    reread(entry.source(), true);
                }
            }
            if (rerender) {
                for (Entry entry : catalog.entries(Entry.Kind.PUBLISHED)) {
                    if (!bySource.containsKey(entry.source())) {
                        reread(entry.source(), true);
                    }
                }
            }
            renderAll();
            if (!moved.isEmpty()) {
                for (Entry linking : catalog.linkingTo(Set.copyOf(moved))) {
                    // A post that broke in this run was reported already.
                    String source = linking.source();
                    boolean broken = errors.stream().anyMatch(error -> error.source().equals(source));
                    if (!rendered.containsKey(source) && !broken) {
                        reread(source, false);
                    }
                }
            }
            renderAll();
            catalog.putSettings(settings());
            writeSite();
            List<Entry> scheduled = new ArrayList<>(catalog.entries(Entry.Kind.SCHEDULED));
            scheduled.sort(Comparator.comparing(Entry::date).thenComparing(Entry::source));
            for (RenderedPost page : rendered.values()) {
                for (String target : new TreeSet<>(page.linkedPosts())) {
                    if (catalog.entry(target).filter(Entry::isPublished).isEmpty()) {
                        warnings.add(new Report.Warning(page.source(), "links to " + target + ", which is not a"
                                + " published post (a draft, dated later, or no such file): the link leads nowhere"
                                + " until it is"));
                    }
                }
            }
            return new Report(created, updated, removed, errors, notMailed, warnings,
                    catalog.entries(Entry.Kind.DRAFT).size(), scheduled, written);
        }

        private void read(Change change) throws IOException {
            String source = change.source();
            if (!PostParser.isPost(source)) {
                copy(source, change.content());
                return;
            }
            byte[] content;
            try {
                content = change.content().read();
            } catch (IOException e) {
                cannotRead(source, e);
                return;
            }
            String hash = Entry.hashOf(content);
            Optional<Entry> old = catalog.entry(source);
            boolean same = old.isPresent() && old.get().hash().equals(hash);
            if (!same || rerender && old.get().isPublished() || isDue(old.get())) {
                parse(source, content, hash);
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
            if (writtenByGazette(source) || source.endsWith("/index.html") || catalog.atPath(source).isPresent()) {
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
            if (catalog.entry(source).map(entry -> entry.hash().equals(hash)).orElse(false) && !mode.rewriteAll()) {
                return;
            }
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

        /** Whether Gazette writes a file at this path itself: the listings, the feeds and their stylesheet. */
        private static boolean writtenByGazette(String file) {
            return RESERVED.contains(file) || file.startsWith("tags/") || file.startsWith("archive/");
        }

        private void parse(String source, byte[] content, String hash) throws IOException {
            Post post;
            try {
                post = parser.parse(source, content);
            } catch (PostException e) {
                errors.add(e);
                return;
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
            siteFiles.delete(PermalinkPattern.file(post.path()));
            written++;
            addTags(post);
            moved.add(source);
            removed.add(source);
            catalog.remove(source);
            changed = true;
        }

        private void renderAll() throws IOException {
            Map<String, String> claimed = new HashMap<>();
            Map<String, String> paths = new LinkedHashMap<>();
            for (Post post : toRender.values()) {
                String path = site.permalinks().path(post, site.zone());
                Optional<String> published = catalog.atPath(path).filter(source -> !source.equals(post.source()));
                if (published.isPresent() && fileIsGone(published.get())) {
                    // Its file is gone and its deletion not handled yet, as when S3 reports a move's upload first:
                    // this post takes the permalink over.
                    unpublish(published.get());
                    published = Optional.empty();
                }
                // Paths that differ only in case are one folder on the file systems of macOS and Windows.
                String other = published.orElse(claimed.get(path.toLowerCase(Locale.ROOT)));
                if (other != null) {
                    errors.add(new PostException(post.source(), 0, "its permalink /" + path + " is taken by "
                            + other + "; give one of them another 'slug'"));
                    continue;
                }
                String file = PermalinkPattern.file(path);
                if (writtenByGazette(file) || catalog.entry(file).isPresent()) {
                    errors.add(new PostException(post.source(), 0, "its permalink /" + path + " would overwrite "
                            + (writtenByGazette(file) ? "a page Gazette writes itself" : "the file " + file)
                            + "; give it another 'slug'"));
                    continue;
                }
                claimed.put(path.toLowerCase(Locale.ROOT), post.source());
                paths.put(post.source(), path);
            }
            // Rendering is most of a full build, and each post renders alone: on all cores at once. The catalog is
            // only read meanwhile.
            Function<String, String> permalinkOf = source -> paths.containsKey(source)
                    ? site.link(paths.get(source))
                    : catalog.entry(source).filter(Entry::isPublished).map(entry -> entry.post().url()).orElse(null);
            Map<String, RenderedPost> pages = new ConcurrentHashMap<>();
            Map<String, PostException> broken = new ConcurrentHashMap<>();
            paths.entrySet().parallelStream().forEach(path -> {
                try {
                    pages.put(path.getKey(), renderer.render(toRender.get(path.getKey()), path.getValue(), permalinkOf));
                } catch (PostException e) {
                    broken.put(path.getKey(), e);
                }
            });
            for (String source : paths.keySet()) {
                if (broken.containsKey(source)) {
                    errors.add(broken.get(source));
                } else {
                    publish(pages.get(source));
                }
            }
            toRender.clear();
        }

        private void publish(RenderedPost page) throws IOException {
            String source = page.source();
            String path = page.path();
            Optional<Entry> old = catalog.entry(source);
            // The post first, its place in the ledger after: a digest that sees it due finds it published.
            catalog.put(Entry.published(hashes.get(source), page));
            if (old.isPresent() && old.get().isPublished()) {
                RenderedPost before = old.get().post();
                if (!before.path().equals(path)) {
                    siteFiles.delete(PermalinkPattern.file(before.path()));
                    moved.add(source);
                    if (!carryMailing(before.url(), page, true)) {
                        decideMailing(page);
                    }
                }
                addTags(before);
                if (!updated.contains(source) && !created.contains(source)) {
                    updated.add(source);
                }
            } else {
                moved.add(source);
                created.add(source);
                removed.remove(source);
                // The same text published before under another permalink: a file renamed or moved (in this run or
                // across runs, in either order) or copied.
                Optional<String> before = catalog.lastPublishedAt(hashes.get(source))
                        .filter(url -> !url.equals(page.url()));
                if (before.isEmpty() || !carryMailing(before.get(), page, isGone(before.get()))) {
                    decideMailing(page);
                }
            }
            catalog.notePublishedAt(hashes.get(source), page.url());
            rendered.put(source, page);
            addTags(page);
            changed = true;
        }

        /**
         * Carries the ledger entry of the same post under an earlier permalink to this one, so it is emailed at most
         * once: emailed there, it is not emailed here; due there and moved, it is due here instead.
         *
         * @param moved false when the post at {@code from} is still there: this is a copy
         * @return false when there is nothing to carry, and this post is to be decided afresh
         */
        private boolean carryMailing(String from, RenderedPost to, boolean moved) throws IOException {
            Optional<Mailing> before = catalog.mailing(from);
            if (before.isEmpty()) {
                return false;
            }
            if (moved) {
                catalog.noteMoved(from, to.url());
            }
            switch (before.get().state()) {
                case DUE -> {
                    if (!moved) {
                        return false;
                    }
                    if (catalog.withdraw(from)) {
                        catalog.addMailing(Mailing.due(to.url(), now));
                        return true;
                    }
                    // Changed meanwhile: a digest took it, or it was withdrawn as taken off the site.
                    return carryMailing(from, to, true);
                }
                case IN_DIGEST -> {
                    return skip(to, "emailed as " + from);
                }
                default -> {
                    return skip(to, before.get().detail());
                }
            }
        }

        private boolean skip(RenderedPost post, String reason) {
            if (catalog.addMailing(Mailing.skipped(post.url(), reason, now)) && !mode.archive()) {
                notMailed.add(new Report.NotMailed(post.source(), reason));
            }
            return true;
        }

        /** Whether the post published at {@code url} is gone, or its file is: then a post of its text moved. */
        private boolean isGone(String url) {
            Optional<RenderedPost> post = catalog.published(url);
            return post.isEmpty() || fileIsGone(post.get().source());
        }

        /** Whether a post's file is no longer there; when that cannot be told, it is taken to be there. */
        private boolean fileIsGone(String source) {
            try {
                return postFiles.read(source).isEmpty();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private void decideMailing(RenderedPost post) {
            if (catalog.mailing(post.url()).isPresent()) {
                return;
            }
            String reason = null;
            if (mode.archive()) {
                reason = "published on the first run";
            } else if (!post.email()) {
                reason = "its front matter says email: false";
            } else if (post.date().isBefore(now.minus(emailMaxAge))) {
                reason = "dated more than " + emailMaxAge.toDays() + " days before it was published";
            }
            Mailing mailing = reason == null ? Mailing.due(post.url(), now) : Mailing.skipped(post.url(), reason, now);
            if (catalog.addMailing(mailing) && reason != null && !mode.archive()) {
                notMailed.add(new Report.NotMailed(post.source(), reason));
            }
        }

        private void addTags(RenderedPost post) {
            changedMonths.add(yearMonth(month(post.date())));
            for (String tag : post.tags()) {
                tagKeys.add(Feeds.key(tag));
            }
        }

        private void writeSite() throws IOException {
            Iterable<RenderedPost> pagesToWrite = rendered.values();
            if (mode.rewriteAll()) {
                List<RenderedPost> all = catalog.newest(Integer.MAX_VALUE);
                all.forEach(this::addTags);
                pagesToWrite = all;
            }
            for (RenderedPost post : pagesToWrite) {
                write(PermalinkPattern.file(post.path()), pages.post(post));
            }
            if (changed || mode.rewriteAll()) {
                writeListings();
            }
        }

        /**
         * Writes the home page, the archive and the feeds from the catalog as it is now. Publishers running at once
         * take turns: each notes the listings' version, reads the catalog afresh, writes, and counts its writing
         * only if nobody counted one since it noted the version; else it starts over. So the last listings written
         * hold every post committed before them.
         */
        private void writeListings() throws IOException {
            for (int attempt = 1; ; attempt++) {
                long version = catalog.listingVersion();
                catalog.refresh();
                writeArchive();
                writeAll(feeds.site(catalog.newest(site.feedSize())));
                write(Feeds.STYLESHEET, Feeds.stylesheet());
                for (String key : tagKeys) {
                    List<RenderedPost> tagged = catalog.newestTagged(key, site.feedSize());
                    if (tagged.isEmpty()) {
                        for (String file : Feeds.tagFiles(key)) {
                            siteFiles.delete(file);
                        }
                    } else {
                        writeAll(feeds.tag(displayName(key, tagged.get(0)), tagged));
                    }
                }
                if (catalog.advanceListing(version)) {
                    return;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IOException("other publishers wrote the listings " + MAX_ATTEMPTS
                            + " times during this run; try again");
                }
                backOff(attempt);
            }
        }

        /** Waits a random while, longer each time, so publishers that collided do not collide again in step. */
        private void backOff(int attempt) throws IOException {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * Math.min(attempt, 8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to write the listings");
            }
        }

        /**
         * The home page with the newest posts, and the archive by month: only the months whose posts changed are
         * written again, so a new post costs the same in a site of any size.
         */
        private void writeArchive() throws IOException {
            List<RenderedPost> all = catalog.index();
            write("index.html", pages.index(all.subList(0, Math.min(INDEX_SIZE, all.size())), all.size()));
            // Every post is counted, but only the months to write are gathered: plain arithmetic per post.
            Map<Integer, Integer> counts = new TreeMap<>(Comparator.reverseOrder());
            Map<Integer, List<RenderedPost>> toWrite = new TreeMap<>();
            Set<Integer> wanted = new HashSet<>();
            changedMonths.forEach(month -> wanted.add(month.getYear() * 12 + month.getMonthValue() - 1));
            for (RenderedPost post : all) {
                int month = month(post.date());
                counts.merge(month, 1, Integer::sum);
                if (mode.rewriteAll() || wanted.contains(month)) {
                    toWrite.computeIfAbsent(month, key -> new ArrayList<>()).add(post);
                }
            }
            List<PageWriter.Month> months = new ArrayList<>();
            counts.forEach((month, count) -> months.add(new PageWriter.Month(yearMonth(month), count)));
            write("archive/index.html", pages.archive(months));
            for (Map.Entry<Integer, List<RenderedPost>> month : toWrite.entrySet()) {
                YearMonth yearMonth = yearMonth(month.getKey());
                write(PermalinkPattern.file(new PageWriter.Month(yearMonth, 0).path()), pages.month(yearMonth, month.getValue()));
            }
            for (int month : wanted) {
                if (!counts.containsKey(month)) {
                    siteFiles.delete(PermalinkPattern.file(new PageWriter.Month(yearMonth(month), 0).path()));
                }
            }
        }

        /** The month a post is filed under, in the site's zone, as year × 12 + month − 1: it runs for every post. */
        private int month(Instant date) {
            int offset = zoneRules.getOffset(date).getTotalSeconds();
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(date.getEpochSecond() + offset, 86_400L));
            return day.getYear() * 12 + day.getMonthValue() - 1;
        }

        private static YearMonth yearMonth(int month) {
            return YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1);
        }

        private String displayName(String key, RenderedPost post) {
            return post.tags().stream().filter(tag -> Feeds.key(tag).equals(key)).findFirst().orElse(key);
        }

        private void writeAll(Map<String, String> files) throws IOException {
            for (Map.Entry<String, String> file : files.entrySet()) {
                write(file.getKey(), file.getValue());
            }
        }

        private void write(String path, String content) throws IOException {
            if (siteFiles.write(path, content.getBytes(StandardCharsets.UTF_8))) {
                written++;
            }
        }
    }

    /** What the pages and feeds depend on beyond the posts' own files: when it changes, all is written again. */
    private String settings() {
        return String.join("|", RENDERING, site.url().toString(), site.permalinks().pattern(), site.zone().getId(),
                site.title(), site.description(), site.language(), String.valueOf(site.feedSize()), site.hub());
    }
}
