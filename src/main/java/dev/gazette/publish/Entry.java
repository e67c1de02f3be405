package dev.gazette.publish;

import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the catalog knows of one file in the posts folder.
 *
 * @param hash the SHA-256 of the file's content when it was last read, to tell whether it changed
 * @param date the post's date (for a scheduled post, when it is due); null for other files
 * @param post the published post; null unless {@code kind} is {@link Kind#PUBLISHED}
 */
public record Entry(String source, String hash, Kind kind, Instant date, RenderedPost post) {

    public enum Kind {
        /** A post on the site and in the feeds. */
        PUBLISHED,
        /** A post marked {@code draft: true}. */
        DRAFT,
        /** A post dated after the last run, published once its date comes. */
        SCHEDULED,
        /** Any other file, copied to the site as it is. */
        FILE
    }

    public Entry {
        if ((kind == Kind.PUBLISHED) != (post != null)) {
            throw new IllegalArgumentException(source + ": a published entry carries its post, and only it");
        }
    }

    /** The hash the catalog keeps of a file's content: SHA-256, in hex. */
    public static String hashOf(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** The same hash of content read as a stream, for files too large to hold in memory. */
    public static String hashOf(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static Entry published(String hash, RenderedPost post) {
        return new Entry(post.source(), hash, Kind.PUBLISHED, post.date(), post);
    }

    boolean isPublished() {
        return kind == Kind.PUBLISHED;
    }
}
