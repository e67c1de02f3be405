package dev.gazette.publish;

import java.io.IOException;
import java.util.Optional;

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

    /** A tag that changes whenever the file is written; empty when there is no such file. */
    Optional<String> version(String path) throws IOException;

    /**
     * Writes a file only if it is still at {@code expected} ({@link #version}): empty means only if there is no
     * such file. This is how publishers running at once take turns on the feeds.
     */
    Replaced replace(String path, byte[] content, Optional<String> expected) throws IOException;

    /** What {@link #replace} did. */
    enum Replaced {
        WRITTEN,
        /** The file was at the expected version and held this content already. */
        UNCHANGED,
        /** Someone else wrote the file since the expected version; nothing was written. */
        CONFLICT
    }
}
