package dev.gazette.publish;

import java.util.List;

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
     * @param where the posts folder, as the user knows it
     * @throws Refused when the changes remove more than half of the published posts
     */
    public static void check(Catalog catalog, List<Change> changes, String where) {
        int published = catalog.entries(Entry.Kind.PUBLISHED).size();
        int removing = (int) changes.stream()
                .filter(change -> change.isRemoval()
                        && catalog.entry(change.source()).map(Entry::isPublished).orElse(false))
                .count();
        if (removing * 2 > published) {
            throw new Refused(removing, published, where);
        }
    }
}
