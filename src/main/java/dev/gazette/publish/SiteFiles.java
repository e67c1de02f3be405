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

    /** Deletes a file; nothing happens when there is none. */
    void delete(String path) throws IOException;
}
