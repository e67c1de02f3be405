package dev.gazette.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The site's files, noting which ones a run wrote, copied or deleted: what a cache in front of the site must
 * forget. Files written again with the content they held are not noted.
 */
public final class ChangedPaths implements SiteFiles {
    private final SiteFiles site;
    private final Set<String> changed = new LinkedHashSet<>();

    public ChangedPaths(SiteFiles site) {
        this.site = site;
    }

    @Override
    public boolean write(String path, byte[] content) throws IOException {
        return noted(path, site.write(path, content));
    }

    @Override
    public boolean copy(String path, Change.Content content) throws IOException {
        return noted(path, site.copy(path, content));
    }

    @Override
    public void delete(String path) throws IOException {
        site.delete(path);
        noted(path, true);
    }

    /** The paths changed since the last call, in the order they changed; forgotten here. */
    public synchronized List<String> take() {
        List<String> paths = new ArrayList<>(changed);
        changed.clear();
        return paths;
    }

    private synchronized boolean noted(String path, boolean wasChanged) {
        if (wasChanged) {
            changed.add(path);
        }
        return wasChanged;
    }
}
