package dev.gazette.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file of the posts folder that is new, changed or gone. The content is read when the publisher gets to it,
 * so a large folder is never held in memory at once.
 *
 * @param content reads the file's content; null when the file is gone
 */
public record Change(String source, Content content) {

    /**
     * Reads a file's content: a post whole, since it is parsed, any other file as a stream, since it is only hashed
     * and copied and may be far larger than memory. A file that cannot be read is {@link Unreadable}.
     */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;

        /** The content read whole with its hash, which a post needs both of: a folder hashes as it reads, once. */
        default Hashed readHashed() throws IOException {
            byte[] content = read();
            return new Hashed(content, Entry.hashOf(content));
        }

        default InputStream open() throws IOException {
            return new ByteArrayInputStream(read());
        }

        /** The hash the catalog keeps of the content, read as a stream. */
        default String hash() throws IOException {
            try (InputStream in = open()) {
                return Entry.hashOf(in);
            }
        }
    }

    /** A file's content and the hash the catalog keeps of it. */
    public record Hashed(byte[] content, String hash) {
    }

    /** The file of a change cannot be read (too large, gone, not allowed): that file's error, not the whole run's. */
    public static final class Unreadable extends IOException {
        public Unreadable(String reason) {
            super(reason);
        }
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
