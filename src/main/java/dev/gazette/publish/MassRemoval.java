package dev.gazette.publish;

import dev.gazette.post.PostParser;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run that would take more than half of the published posts off the site at once is taken for a mistake (a
 * posts folder that is empty, unmounted or mistyped) and refused before anything changes, unless the user says
 * it is meant. Deletions that arrive one at a time, as S3's do, never add up to one run: there the posts bucket's
 * versions bring a post back.
 */
public final class MassRemoval {
    private MassRemoval() {
    }

    /** The run would remove too many posts: nothing was changed. */
    public static final class Refused extends IllegalStateException {
        Refused(int removing, int published, String where) {
            super("this run would take " + removing + " of the " + published + " published posts off the site: their"
                    + " files are gone from " + where + ". Nothing was changed. Check that it is the right folder"
                    + " and that it is all there; if these posts are meant to go, run again with"
                    + " --allow-mass-removal");
        }
    }

    /**
     * A post whose content comes back in this run at another path (a folder renamed, posts moved into folders) is
     * moved, not removed: the README's "a moved post is the same post". Only when the removals are too many are the
     * new posts read for it, so an ordinary run reads nothing more.
     *
     * @param where the posts folder, as the user knows it
     * @throws Refused when the changes remove more than half of the published posts
     */
    public static void check(Catalog catalog, List<Change> changes, String where) {
        int published = catalog.entries(Entry.Kind.PUBLISHED).size();
        List<Entry> removing = changes.stream()
                .filter(Change::isRemoval)
                .flatMap(change -> catalog.entry(change.source()).filter(Entry::isPublished).stream())
                .toList();
        if (removing.size() * 2 <= published) {
            return;
        }
        Set<String> arriving = arrivingHashes(catalog, changes);
        long gone = removing.stream().filter(entry -> !arriving.contains(entry.hash())).count();
        if (gone * 2 > published) {
            throw new Refused((int) gone, published, where);
        }
    }

    /** The hashes of the posts new to the catalog in this run; one that cannot be read is left to the run to tell. */
    private static Set<String> arrivingHashes(Catalog catalog, List<Change> changes) {
        Set<String> hashes = new HashSet<>();
        for (Change change : changes) {
            if (!change.isRemoval() && PostParser.isPost(change.source()) && catalog.entry(change.source()).isEmpty()) {
                try {
                    hashes.add(change.content().hash());
                } catch (IOException e) {
                    // Not a move that can be told: the post counts as gone, and the run reports the error.
                }
            }
        }
        return hashes;
    }
}
