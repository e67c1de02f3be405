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
            Feeds.STYLESHEET, "404.html");

    private final Site site;
    private final Catalog catalog;

    Permalinks(Site site, Catalog catalog) {
        this.site = site;
        this.catalog = catalog;
    }

    /** Takes a permalink from the post at {@code source} if its file is gone. */
    interface Takeover {
        /** @return true when the post was taken off and its permalink is free */
        boolean takeOver(String source) throws IOException;
    }

    /** Whether Gazette writes a file at this path itself: the listings, the feeds and their stylesheet. */
    static boolean writtenByGazette(String file) {
        return RESERVED.contains(file) || file.startsWith("tags/") || file.startsWith("archive/")
                || file.startsWith(IssuePages.FOLDER);
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
            String path = site.permalinks().path(post, site.zone());
            Optional<String> published = catalog.atPath(path).filter(source -> !source.equals(post.source()));
            if (published.isPresent() && takeover.takeOver(published.get())) {
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
        return paths;
    }
}
