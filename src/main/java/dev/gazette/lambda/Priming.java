package dev.gazette.lambda;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.feed.Feeds;
import dev.gazette.page.PageWriter;
import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.post.PostParser;
import dev.gazette.render.PostRenderer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs the hot paths once on a made-up post before SnapStart takes its snapshot, so the snapshot holds their
 * classes loaded and their code warm. Touches no AWS service and keeps nothing: no secret, no random value.
 */
final class Priming {
    private static final String POST = """
            ---
            title: Priming
            date: 2024-01-01T00:00:00Z
            tags: [a, b]
            ---
            # Heading

            A paragraph with [a link](other.md#part), `code`, ![an image](images/x.png) and a footnote.[^1]

            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done

            [^1]: Note.
            """;

    private Priming() {
    }

    static void prime(Cloud cloud) {
        try {
            // Without a domain, the site's URL is read from the table after the restore, never into the snapshot.
            Site site = cloud.config.knowsSite() ? cloud.config.site() : new Site(URI.create("https://example.com/"),
                    "Priming", "Priming", "en", ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
            Post post = new PostParser(site.zone(), PostParser.DEFAULT_MAX_BYTES)
                    .parse("2024-01-01-priming.md", POST.getBytes(StandardCharsets.UTF_8));
            new PostParser(site.zone(), PostParser.DEFAULT_MAX_BYTES)
                    .parse("toml.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\nBody\n".getBytes(StandardCharsets.UTF_8));
            RenderedPost rendered = new PostRenderer(site).render(post, "posts/priming/", source -> null);
            new PageWriter(site, cloud.templates()).post(rendered);
            new Feeds(site).site(List.of(rendered));
            // A throwaway key and sender: the real ones are read after the snapshot is restored.
            DigestComposer composer = new DigestComposer(site, cloud.templates(), new Tokens(new byte[32]),
                    "priming@example.com", "https://example.com", cloud.config.digest().content());
            Digest digest = new Digest("priming", List.of(rendered.url()), Instant.EPOCH, null, 0);
            composer.compose(composer.prepare(digest, List.of(rendered)), new Subscriber("a@example.com", null),
                    Instant.EPOCH);
        } catch (PostException e) {
            throw new IllegalStateException("the priming post does not parse: " + e.getMessage(), e);
        }
    }
}
