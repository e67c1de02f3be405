package dev.gazette.digest;

import java.time.Instant;
import java.util.List;

/**
 * One digest: the posts it carries, and whether it has gone out. A digest is made once for a set of due posts and
 * keeps its id until every subscriber has it, so a run that stops half-way resumes the same digest.
 *
 * @param postIds    the permalinks of its posts, newest first
 * @param sent       when the last subscriber was mailed, or null while it is being sent
 * @param recipients how many subscribers it went to, once sent
 * @param archived   its web copy is on the site, in the archive of past issues ({@link IssuePages})
 */
public record Digest(String id, List<String> postIds, Instant created, Instant sent, int recipients,
                     boolean archived) {
    private static final String TEST = "test-";

    public Digest {
        postIds = List.copyOf(postIds);
    }

    /** A digest not yet in the archive: digests made before Gazette kept one, and every new one. */
    public Digest(String id, List<String> postIds, Instant created, Instant sent, int recipients) {
        this(id, postIds, created, sent, recipients, false);
    }

    /** A digest sent to one address to try it out: never recorded, never archived. */
    public static Digest test(List<String> postIds, Instant now) {
        return new Digest(TEST + now.toEpochMilli(), postIds, now, null, 0);
    }

    public boolean isTest() {
        return id.startsWith(TEST);
    }

    public boolean isSent() {
        return sent != null;
    }

    public Digest sentTo(int recipients, Instant when) {
        return new Digest(id, postIds, created, when, recipients, archived);
    }

    /** The same digest, its web copy written. */
    public Digest inArchive() {
        return new Digest(id, postIds, created, sent, recipients, true);
    }
}
