package dev.gazette.publish;

import java.io.IOException;

/**
 * A file of the posts folder that is new, changed or gone. The content is read when the publisher gets to it,
 * so a large folder is never held in memory at once.
 *
 * @param content reads the file's content; null when the file is gone
 */
public record Change(String source, Content content) {

    /** Reads a file's content. */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;
    }

    public static Change of(String source, Content content) {
        return new Change(source, content);
    }

    public static Change removed(String source) {
        return new Change(source, null);
    }

    public boolean isRemoval() {
        return content == null;
    }
}
