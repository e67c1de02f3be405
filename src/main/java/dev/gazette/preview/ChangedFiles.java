package dev.gazette.preview;

import dev.gazette.publish.Change;
import dev.gazette.publish.SiteFiles;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/** The preview's site folder, noting which files a build changed: the pages open in a browser that must reload. */
final class ChangedFiles implements SiteFiles {
    /**
     * Noted when a file beside the posts changed, such as an image or a style sheet: any page may show it, so every
     * page reloads.
     */
    static final String BESIDE_POSTS = "_gazette/beside-posts";

    private final SiteFiles site;
    /** Files may be written from more than one thread of a build. */
    private final Set<String> changed = new ConcurrentSkipListSet<>();

    ChangedFiles(SiteFiles site) {
        this.site = site;
    }

    @Override
    public boolean write(String path, byte[] content) throws IOException {
        return noted(path, site.write(path, content));
    }

    @Override
    public boolean copy(String path, Change.Content content) throws IOException {
        boolean written = noted(path, site.copy(path, content));
        if (written) {
            changed.add(BESIDE_POSTS);
        }
        return written;
    }

    @Override
    public void delete(String path) throws IOException {
        site.delete(path);
        changed.add(path);
    }

    private boolean noted(String path, boolean written) {
        if (written) {
            changed.add(path);
        }
        return written;
    }

    Set<String> changed() {
        return Set.copyOf(changed);
    }
}
