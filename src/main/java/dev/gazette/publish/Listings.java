package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The site's listings for one run: the home page, the archive by month and the feeds, written from the catalog as it
 * is once the run's posts are in it. Only the months and tags the run touched are written again, so a new post
 * costs the same in a site of any size. Publishers running at once take turns (see {@link #write()}).
 */
final class Listings {
    /** How many of the newest posts the home page lists; the archive has the rest. */
    static final int INDEX_SIZE = 50;
    /** How often a run writes the listings again because others wrote them meanwhile, before it gives up. */
    private static final int MAX_ATTEMPTS = 30;
    /** How many of the listings' parts are made at once: a tag's feeds, with 20 posts whole, can be megabytes. */
    private static final int PART_BATCH = 32;

    private final Site site;
    private final PageWriter pages;
    private final Feeds feeds;
    private final SiteFiles siteFiles;
    private final Catalog catalog;
    private final boolean rewriteAll;
    private final boolean alone;
    private final ZoneRules zoneRules;
    private final SiteMap siteMap;
    private final Set<String> tagKeys = new LinkedHashSet<>();
    private final Set<Integer> months = new LinkedHashSet<>();
    private int written;

    /**
     * @param rewriteAll write every month of the archive, not only those the run touched
     * @param alone      no other publisher changes the catalog meanwhile, as when {@code gazette publish} holds the
     *                   state folder: the catalog the run changed is as the store holds it, and is not read again
     */
    Listings(Site site, PageWriter pages, Feeds feeds, SiteFiles siteFiles, Catalog catalog, boolean rewriteAll,
             boolean alone) {
        this.site = site;
        this.pages = pages;
        this.feeds = feeds;
        this.siteFiles = siteFiles;
        this.catalog = catalog;
        this.rewriteAll = rewriteAll;
        this.alone = alone;
        this.zoneRules = site.zone().getRules();
        this.siteMap = new SiteMap(site, date -> yearMonth(month(date)));
    }

    /** Notes a post that was published, changed or taken off: its month and its tags are written again. */
    void touch(RenderedPost post) {
        months.add(month(post.date()));
        for (String tag : post.tags()) {
            tagKeys.add(Feeds.key(tag));
        }
    }

    /** How many files were written or deleted. */
    int written() {
        return written;
    }

    /**
     * Writes the listings from the catalog as it is now. Publishers running at once take turns: each reads the
     * catalog afresh with the listings' version, writes, and counts its writing only if nobody counted one since;
     * else it starts over. So the last listings written hold every post committed before them.
     */
    void write() throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!alone || attempt > 1) {
                catalog.refresh();
            }
            long version = catalog.listingVersion();
            // Every published post, newest first: one copy of the catalog's index for all the listings.
            List<RenderedPost> all = catalog.index();
            List<Part> parts = new ArrayList<>();
            // Pages no post is on any more are deleted once the pages that linked to them are written.
            List<String> gone = new ArrayList<>();
            archive(parts, gone, all);
            List<RenderedPost> newest = catalog.newest(site.feedSize());
            parts.add(new Part(() -> feeds.site(newest)));
            parts.add(Part.page(Feeds.STYLESHEET, Feeds::stylesheet));
            parts.add(Part.page("404.html", pages::notFound));
            tags(parts, gone, all);
            siteMap(parts, all);
            write(parts);
            for (String file : gone) {
                siteFiles.delete(file);
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

    /**
     * A file or files of the listings (a feed is one in each format), made from what the catalog held when they
     * were gathered: made on any thread, written in order.
     */
    private record Part(Supplier<Map<String, String>> files) {
        static Part page(String path, Supplier<String> content) {
            return new Part(() -> Map.of(path, content.get()));
        }
    }

    /**
     * Makes the files, which need nothing of each other and are most of a publish that adds one post (the feeds
     * carry their posts whole): on all cores at once, a batch at a time, as a rewrite of the whole site has a
     * tag's feeds for every tag, too many to hold at once. They are written in the order gathered.
     */
    private void write(List<Part> parts) throws IOException {
        for (int from = 0; from < parts.size(); from += PART_BATCH) {
            List<Part> batch = parts.subList(from, Math.min(from + PART_BATCH, parts.size()));
            for (Map<String, String> file : OnAllCores.map(batch, part -> part.files().get())) {
                for (Map.Entry<String, String> page : file.entrySet()) {
                    write(page.getKey(), page.getValue());
                }
            }
        }
    }

    /** Each tag the run touched: its page, listing all its posts, and its feeds; or none once no post has it. */
    private void tags(List<Part> parts, List<String> gone, List<RenderedPost> all) throws IOException {
        Map<String, List<RenderedPost>> pagesOf = tagged(all);
        for (String key : tagKeys) {
            List<RenderedPost> tagged = catalog.newestTagged(key, site.feedSize());
            String folder = Feeds.tagFolder(key);
            if (tagged.isEmpty()) {
                gone.addAll(Feeds.tagFiles(key));
                gone.add(PermalinkPattern.file(folder));
            } else {
                String name = displayName(key, tagged.get(0));
                List<RenderedPost> everyPost = pagesOf.getOrDefault(key, List.of());
                parts.add(new Part(() -> feeds.tag(name, tagged)));
                parts.add(Part.page(PermalinkPattern.file(folder), () -> pages.tag(name, folder, everyPost)));
            }
        }
    }

    /** Every post of each tag the run touched, newest first, in one pass over the archive. */
    private Map<String, List<RenderedPost>> tagged(List<RenderedPost> all) {
        Map<String, List<RenderedPost>> tagged = new HashMap<>();
        if (tagKeys.isEmpty()) {
            return tagged;
        }
        for (RenderedPost post : all) {
            post.tags().stream().map(Feeds::key).filter(tagKeys::contains).distinct()
                    .forEach(key -> tagged.computeIfAbsent(key, none -> new ArrayList<>()).add(post));
        }
        return tagged;
    }

    /** The sitemap of every page, and a robots.txt that names it unless the posts folder has the writer's own. */
    private void siteMap(List<Part> parts, List<RenderedPost> all) {
        List<Digest> issues = catalog.archived();
        parts.add(Part.page(SiteMap.FILE, () -> siteMap.xml(all, issues)));
        if (catalog.entry(SiteMap.ROBOTS).isEmpty()) {
            parts.add(Part.page(SiteMap.ROBOTS, siteMap::robots));
        }
    }

    /** Waits a random while, longer each time, so publishers that collided do not collide again in step. */
    private static void backOff(int attempt) throws IOException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * Math.min(attempt, 8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write the listings");
        }
    }

    /** The home page with the newest posts, and the archive by month: only the months that changed. */
    private void archive(List<Part> parts, List<String> gone, List<RenderedPost> all) {
        List<RenderedPost> newest = all.subList(0, Math.min(INDEX_SIZE, all.size()));
        parts.add(Part.page("index.html", () -> pages.index(newest, all.size())));
        // Every post is counted, but only the months to write are gathered: plain arithmetic per post.
        Map<Integer, Integer> counts = new TreeMap<>(Comparator.reverseOrder());
        Map<Integer, List<RenderedPost>> toWrite = new TreeMap<>();
        Set<Integer> wanted = new HashSet<>(months);
        for (RenderedPost post : all) {
            int month = month(post.date());
            counts.merge(month, 1, Integer::sum);
            if (rewriteAll || wanted.contains(month)) {
                toWrite.computeIfAbsent(month, key -> new ArrayList<>()).add(post);
            }
        }
        List<PageWriter.Month> archive = new ArrayList<>();
        counts.forEach((month, count) -> archive.add(new PageWriter.Month(yearMonth(month), count)));
        parts.add(Part.page("archive/index.html", () -> pages.archive(archive)));
        for (Map.Entry<Integer, List<RenderedPost>> month : toWrite.entrySet()) {
            YearMonth yearMonth = yearMonth(month.getKey());
            parts.add(Part.page(monthFile(yearMonth), () -> pages.month(yearMonth, month.getValue())));
        }
        for (int month : wanted) {
            if (!counts.containsKey(month)) {
                gone.add(monthFile(yearMonth(month)));
            }
        }
    }

    private static String monthFile(YearMonth month) {
        return PermalinkPattern.file(new PageWriter.Month(month, 0).path());
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

    private static String displayName(String key, RenderedPost post) {
        return post.tags().stream().filter(tag -> Feeds.key(tag).equals(key)).findFirst().orElse(key);
    }

    private void write(String path, String content) throws IOException {
        if (siteFiles.write(path, content.getBytes(StandardCharsets.UTF_8))) {
            written++;
        }
    }
}
