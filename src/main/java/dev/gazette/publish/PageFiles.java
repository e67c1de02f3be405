package dev.gazette.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * The files of the site's post and redirect pages, and the folders that hold them, by {@link Permalinks#key}: a
 * file system holds either a file or a folder at one path, so {@code /guide.html} and {@code /guide.html/part/}
 * cannot both be pages.
 */
final class PageFiles {
    /** The post that holds each page's file. */
    private final Map<String, String> files = new HashMap<>();
    /** The post that holds a page below each folder. */
    private final Map<String, String> folders = new HashMap<>();

    /** Notes that {@code source}'s page (its own or a redirect) is at {@code path}. */
    void hold(String path, String source) {
        String file = Permalinks.key(path);
        files.putIfAbsent(file, source);
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            folders.putIfAbsent(file.substring(0, slash), source);
        }
    }

    /**
     * What a page at {@code file} for {@code source} would overwrite: another post's page at one of its folders, or
     * the folder of another post's pages at the file; null when neither.
     */
    String inTheWay(String file, String source) {
        String key = Permalinks.key(file);
        String below = folders.get(key);
        if (below != null && !below.equals(source)) {
            return "the folder of the page of " + below;
        }
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            String holder = files.get(key.substring(0, slash));
            if (holder != null && !holder.equals(source)) {
                return "the page of " + holder;
            }
        }
        return null;
    }
}
