package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the {@link Catalog} keeps its records: locally files in the state folder, in the cloud a DynamoDB table.
 * A store maps records and checks conditions, nothing more; every rule is in the catalog. Every write is durable
 * when it returns, and {@link #load()} reads the store as it is now, so no caller has to save or refresh.
 */
public interface Store {
    /**
     * Every record as it is now. The listings' version is read first, so a publisher that writes the listings from
     * this snapshot and then {@linkplain #advanceListing advances} that version knows nobody wrote them meanwhile.
     */
    Snapshot load() throws IOException;

    /** The HTML of those published posts, by source; a post whose HTML is missing is left out. */
    Map<String, String> html(Collection<String> sources) throws IOException;

    /** Writes an entry, and for a published post its HTML, before the entry. */
    void save(Entry entry) throws IOException;

    /** Forgets an entry and its HTML. */
    void delete(String source) throws IOException;

    /**
     * Replaces a post's ledger record, if it is still {@code expected}.
     *
     * @param expected null when there must be no record yet
     * @param next     null to remove the record
     * @return false when the record was not {@code expected}: someone else changed it
     */
    boolean replace(String postId, Mailing expected, Mailing next) throws IOException;

    /** A post's ledger record as it is now, read alone: what a replace refused for a change by others is tried on. */
    Optional<Mailing> mailing(String postId) throws IOException;

    /** Sets a {@link Note}, or with {@code value} null removes it. */
    void note(Note note, String key, String value) throws IOException;

    /**
     * Counts one more writing of the listings, if nobody counted one since {@code seen}.
     *
     * @return false when another publisher wrote the listings meanwhile
     */
    boolean advanceListing(long seen) throws IOException;

    void save(Digest digest) throws IOException;

    /**
     * Every digest, sent or not, in no particular order, read without the other records: all that telling soft
     * bounces in a row needs, so the Bounce function does not read the whole catalog for each notice.
     */
    List<Digest> digests() throws IOException;

    /**
     * Keeps the posts of a digest as it sends them, HTML and all, so every batch sends the same text: all of them,
     * or, as {@link #posts} sees it, none — a save stopped part-way must not pass for the digest's posts.
     */
    void savePosts(String digestId, List<RenderedPost> posts) throws IOException;

    /** The posts kept for a digest, in no particular order; empty when none were kept. */
    List<RenderedPost> posts(String digestId) throws IOException;

    void saveSettings(String settings) throws IOException;

    /** The notes the catalog keeps beside its entries, each a map of text to text. */
    enum Note {
        /** From a post file's hash to the permalink a post of that text was last published at. */
        CONTENT,
        /** From a permalink to the one the post there moved to. */
        MOVED,
        /** From a file a run began to publish (or take off) to its hash: the run did not finish, the next one does. */
        PENDING
    }

    /**
     * Every record of a store at one time.
     *
     * @param listingVersion how many times the listings have been written; 0 before the first
     * @param settings       the settings the published posts were rendered with; null before the first run
     * @param entries        published posts carry no HTML: {@link #html} reads it
     */
    record Snapshot(long listingVersion, String settings, List<Entry> entries, List<Mailing> mailings,
                    Map<Note, Map<String, String>> notes, List<Digest> digests) {
        public Snapshot {
            entries = List.copyOf(entries);
            mailings = List.copyOf(mailings);
            Map<Note, Map<String, String>> copy = new EnumMap<>(Note.class);
            for (Note note : Note.values()) {
                copy.put(note, Map.copyOf(notes.getOrDefault(note, Map.of())));
            }
            notes = Collections.unmodifiableMap(copy);
            digests = List.copyOf(digests);
        }
    }
}
