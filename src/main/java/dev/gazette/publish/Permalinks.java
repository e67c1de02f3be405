package dev.gazette.publish;

import dev.gazette.digest.IssuePages;
import dev.gazette.feed.Feeds;
import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which post gets which permalink: one post per permalink, none on a file Gazette writes itself or on a copied
 * file. A post whose permalink another post holds is refused, unless that post's file is gone and its deletion not
 * handled yet, as when S3 reports a move's upload first: then this post takes the permalink over.
 */
final class Permalinks {
    /** Site files Gazette writes at the root; no file of the posts folder may take their place. */
    private static final Set<String> RESERVED = Set.of("index.html", "feed.xml", "atom.xml", "feed.json",
            Feeds.STYLESHEET, SiteMap.FILE, "404.html");

    private final Site site;
    private final Catalog catalog;
    private final PermalinkPattern pattern;
    /** The redirect pages by {@link #key}, with the post that redirects; read once, for the files copied. */
    private Map<String, String> redirectFiles;
    /** The pages of posts and redirects, to keep a page's file from being another page's folder. */
    private PageFiles pages;
    /** The files of the posts folder by their name in lower case; read once, for the pages claimed. */
    private Map<String, String> filesByCase;

    /** @param publishedWith the pattern the site's posts were published with so far; empty for a new site */
    Permalinks(Site site, Catalog catalog, Optional<PermalinkPattern> publishedWith) {
        this.site = site;
        this.catalog = catalog;
        this.pattern = pattern(site.permalinks(), publishedWith);
    }

    /**
     * The pattern posts are published with: the one the writer chose, else the one the site has: a new default must
     * never move what a site already published, nor change its feed ids.
     */
    static PermalinkPattern pattern(PermalinkPattern given, Optional<PermalinkPattern> publishedWith) {
        return given.chosen() ? given : publishedWith.orElse(given);
    }

    /** The pattern this run publishes with. */
    PermalinkPattern pattern() {
        return pattern;
    }

    /** Takes a permalink from the post at {@code source} if its file is gone. */
    interface Takeover {
        /** @return true when the post was taken off and its permalink is free */
        boolean takeOver(String source) throws IOException;
    }

    /**
     * Whether Gazette writes a file at this path itself: the listings, the feeds and their stylesheet. In any case:
     * on macOS and Windows {@code Index.html} or {@code Tags/} is the same file or folder as Gazette's own.
     */
    static boolean writtenByGazette(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith("tags/") || lower.startsWith("archive/")
                || lower.startsWith(IssuePages.FOLDER);
    }

    /**
     * @param errors told of each post refused
     * @return the path of each post that may be published, by source, in the order of {@code posts}
     */
    Map<String, String> claim(Collection<Post> posts, List<PostException> errors, Takeover takeover)
            throws IOException {
        Map<String, String> claimed = new HashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (Post post : posts) {
            String path = post.permalink() != null ? post.permalink() : pattern.path(post, site.zone());
            Optional<String> published = catalog.atPath(path).filter(source -> !source.equals(post.source()));
            if (published.isPresent() && takeover.takeOver(published.get())) {
                published = Optional.empty();
            }
            String other = published.orElse(claimed.get(key(path)));
            if (other != null) {
                errors.add(new PostException(post.source(), 0, "its permalink /" + path + " is taken by "
                        + other + "; give one of them another " + (post.permalink() == null ? "'slug'" : "'permalink'")));
                continue;
            }
            String overwritten = overwritten(post.source(), PermalinkPattern.file(path));
            if (overwritten != null) {
                errors.add(new PostException(post.source(), 0, "its permalink /" + path + " would overwrite "
                        + overwritten + "; give it another " + (post.permalink() == null ? "'slug'" : "'permalink'")));
                continue;
            }
            claimed.put(key(path), post.source());
            paths.put(post.source(), path);
            pages().hold(path, post.source());
        }
        claimAliases(posts, paths, claimed, errors);
        return paths;
    }

    /**
     * Refuses a post whose old path (an alias) is a page or file of the site, or another post's old path: a redirect
     * page never overwrites anything but itself. A post's own permalink that is another's old path is refused too.
     */
    private void claimAliases(Collection<Post> posts, Map<String, String> paths, Map<String, String> claimed,
                              List<PostException> errors) {
        Map<String, String> published = publishedAliases(paths.keySet());
        Map<String, String> aliases = new HashMap<>(published);
        for (Post post : posts) {
            String path = paths.get(post.source());
            if (path == null) {
                continue;
            }
            // Only against the posts published before: one of this run with the same old path is refused below.
            String redirecting = published.get(key(path));
            String problem = redirecting == null ? null : "its permalink /" + path + " is an old path of "
                    + redirecting + ", which redirects from it; give one of them another 'slug'";
            for (String alias : post.aliases()) {
                if (problem != null) {
                    break;
                }
                problem = aliasProblem(post.source(), alias, claimed, aliases);
            }
            if (problem != null) {
                errors.add(new PostException(post.source(), 0, problem));
                claimed.remove(key(path));
                paths.remove(post.source());
            } else {
                post.aliases().forEach(alias -> aliases.put(key(alias), post.source()));
                post.aliases().forEach(alias -> pages().hold(alias, post.source()));
            }
        }
    }

    private String aliasProblem(String source, String alias, Map<String, String> claimed, Map<String, String> aliases) {
        String post = claimed.getOrDefault(key(alias), catalog.atPath(alias).orElse(null));
        String other = aliases.get(key(alias));
        if (post != null && !post.equals(source)) {
            return "its old path /" + alias + " is the permalink of " + post + "; a redirect page never replaces a"
                    + " post: take it out of 'aliases' or 'redirect_from'";
        }
        if (other != null && !other.equals(source)) {
            return "its old path /" + alias + " is an old path of " + other + " too; keep it in one of them";
        }
        String overwritten = overwritten(source, PermalinkPattern.file(alias));
        return overwritten == null ? null : "its old path /" + alias + " would overwrite " + overwritten
                + "; take it out of 'aliases' or 'redirect_from'";
    }

    /**
     * What a page at {@code file} would overwrite: a file Gazette writes or one copied from the posts folder, at
     * that path or at one of its folders ({@code feed.xml/index.html} cannot be beside the file {@code feed.xml});
     * null when nothing.
     */
    private String overwritten(String source, String file) {
        String page = pages().inTheWay(file, source);
        if (page != null) {
            return page;
        }
        for (int slash = file.indexOf('/'); ; slash = file.indexOf('/', slash + 1)) {
            String path = slash < 0 ? file : file.substring(0, slash);
            // robots.txt is the writer's to give, but a page's folder of that name would be in the way of Gazette's.
            if (writtenByGazette(path) || path.equalsIgnoreCase(SiteMap.ROBOTS)) {
                return "a page Gazette writes itself";
            }
            String copied = fileAt(path);
            if (copied != null) {
                return "the file " + copied;
            }
            if (slash < 0) {
                return null;
            }
        }
    }

    private PageFiles pages() {
        if (pages == null) {
            pages = new PageFiles();
            for (Entry entry : catalog.entries(Entry.Kind.PUBLISHED)) {
                pages.hold(entry.post().path(), entry.source());
                entry.post().aliases().forEach(alias -> pages.hold(alias, entry.source()));
            }
        }
        return pages;
    }

    /**
     * The file of the posts folder at this path in any case, as macOS and Windows find it; null when none. The files
     * are read once, when first asked, after the run has copied its files.
     */
    private String fileAt(String path) {
        if (filesByCase == null) {
            filesByCase = new HashMap<>();
            catalog.sources().forEach(source -> filesByCase.putIfAbsent(source.toLowerCase(Locale.ROOT), source));
        }
        return catalog.entry(path).isPresent() ? path : filesByCase.get(path.toLowerCase(Locale.ROOT));
    }

    /** The old paths of the published posts, by {@link #key}, leaving out the posts being published now. */
    private Map<String, String> publishedAliases(Set<String> republished) {
        Map<String, String> aliases = new HashMap<>();
        for (Entry entry : catalog.entries(Entry.Kind.PUBLISHED)) {
            if (!republished.contains(entry.source())) {
                entry.post().aliases().forEach(alias -> aliases.put(key(alias), entry.source()));
            }
        }
        return aliases;
    }

    /** The post that redirects from this file of the site, as the catalog was when first asked. */
    Optional<String> redirectAt(String file) {
        if (redirectFiles == null) {
            redirectFiles = publishedAliases(Set.of());
        }
        return Optional.ofNullable(redirectFiles.get(key(file)));
    }

    /**
     * What tells two pages apart: the file that holds each ({@code a/} and {@code a/index.html} are one), in lower
     * case, since paths that differ only in case are one folder on the file systems of macOS and Windows.
     */
    static String key(String path) {
        return PermalinkPattern.file(path).toLowerCase(Locale.ROOT);
    }
}
