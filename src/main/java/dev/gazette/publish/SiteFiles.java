package dev.gazette.publish;

import java.io.IOException;

/** Where the site is written: a folder locally, a bucket in the cloud. Paths are relative, with {@code /}. */
public interface SiteFiles {
    /**
     * Writes a file whole, so no reader ever sees half of it, unless it already holds exactly {@code content}.
     *
     * @return true when the file was written, false when it already held this content
     */
    boolean write(String path, byte[] content) throws IOException;

    /**
     * Copies a file of the posts folder as {@link #write} does. A folder streams it, since it may be larger than
     * memory; this default reads it whole.
     *
     * @throws Change.Unreadable when the file to copy cannot be read: that file's error, not the site's
     */
    default boolean copy(String path, Change.Content content) throws IOException {
        return write(path, content.read());
    }

    /** Deletes a file; nothing happens when there is none. */
    void delete(String path) throws IOException;
}
