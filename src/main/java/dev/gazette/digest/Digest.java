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
 */
public record Digest(String id, List<String> postIds, Instant created, Instant sent, int recipients) {

    public Digest {
        postIds = List.copyOf(postIds);
    }

    public boolean isSent() {
        return sent != null;
    }

    public Digest sentTo(int recipients, Instant when) {
        return new Digest(id, postIds, created, when, recipients);
    }
}
