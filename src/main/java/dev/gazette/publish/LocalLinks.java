package dev.gazette.publish;

import dev.gazette.post.Post;
import dev.gazette.render.LocalLink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The warnings about a post's relative links and cover image: one that matches no file of the posts folder, and
 * one that climbs out of it, which a browser resolves against the page to a URL where nothing was published.
 */
final class LocalLinks {
    private LocalLinks() {
    }

    static List<Report.Warning> check(Post post, List<LocalLink> links, Catalog catalog) {
        List<Report.Warning> warnings = new ArrayList<>();
        for (LocalLink link : new LinkedHashSet<>(links)) {
            String what = link.cover() ? "its cover image " + link.written() : "links to " + link.written();
            int line = link.cover() ? post.imageLine() : lineOf(post, link.written());
            if (link.target() == null) {
                warnings.add(new Report.Warning(post.source(), line, what + ", which leads out of the posts folder,"
                        + " where Gazette publishes nothing: put the file in the posts folder and link it from there"));
            } else if (catalog.entry(link.target()).filter(entry -> entry.kind() == Entry.Kind.FILE).isEmpty()) {
                warnings.add(new Report.Warning(post.source(), line, what + ", which matches no file in the posts"
                        + " folder (" + link.target() + "): the link leads nowhere until there is one"));
            }
        }
        return warnings;
    }

    /** The line of the post file where the link is first written; 0 when it is not found as written. */
    private static int lineOf(Post post, String written) {
        int at = post.body().indexOf(written);
        if (at < 0) {
            return 0;
        }
        return post.bodyLine() + (int) post.body().substring(0, at).chars().filter(c -> c == '\n').count();
    }
}
