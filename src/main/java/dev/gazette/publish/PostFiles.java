package dev.gazette.publish;

import java.io.IOException;
import java.util.Optional;

/** The posts folder, read again when a post must be rendered anew without having changed itself. */
public interface PostFiles {
    /** The file's content, or empty when it is gone. */
    Optional<byte[]> read(String source) throws IOException;
}
