package dev.gazette.lambda;

import dev.gazette.site.Templates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The writer's templates for the endpoints (see {@link Cloud#refreshTemplates()}), looked up in the posts bucket at
 * most once per reuse time: anyone may send a request, and each must not list the bucket. The first lookup is at
 * the first request, after SnapStart's restore, never into the snapshot. A template left out, or a lookup that
 * fails, is logged and the templates in use stay, so the endpoints never fail because of an upload.
 */
final class CachedTemplates {
    private final Cloud cloud;
    private final Duration reuse;
    private final Clock clock;
    private Instant lookedAt;
    private List<String> problems = List.of();

    CachedTemplates(Cloud cloud, Duration reuse, Clock clock) {
        this.cloud = cloud;
        this.reuse = reuse;
        this.clock = clock;
    }

    synchronized Templates current() {
        Instant now = clock.instant();
        if (lookedAt == null || !now.isBefore(lookedAt.plus(reuse))) {
            lookedAt = now;
            try {
                List<String> found = cloud.refreshTemplates();
                // Once per change, not once a minute.
                if (!found.isEmpty() && !found.equals(problems)) {
                    Log.of("templates").with("outcome", "problems").with("templateProblems", found).print();
                }
                problems = found;
            } catch (RuntimeException e) {
                Log.of("templates").with("outcome", "failed").with("error", String.valueOf(e.getMessage())).print();
            }
        }
        return cloud.templates();
    }
}
