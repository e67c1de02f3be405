package dev.gazette.bench;

import dev.gazette.aws.SesMailer;
import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Email;
import dev.gazette.mail.MimeWriter;
import dev.gazette.post.Post;
import dev.gazette.post.PostParser;
import dev.gazette.render.PostRenderer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Personalised digest messages per second for 100,000 subscribers: the unsubscribe token, the personal email, and
 * the SES request the Send function makes of it; and, for comparison, the full MIME message the outbox writes.
 */
final class DigestBench {
    private static final int SUBSCRIBERS = 100_000;
    private static final int MIME_MESSAGES = 10_000;

    private DigestBench() {
    }

    record Result(double oneThread, double twoThreads, double mime) {
    }

    static Result run(Report report) throws Exception {
        report.heading2("5. Digest composition");
        Site site = new Site(URI.create("https://blog.example.com/"), "Benchmark", "Benchmark", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        DigestComposer composer = new DigestComposer(site, Templates.bundled(),
                new Tokens("a benchmark secret, long enough".getBytes(StandardCharsets.UTF_8)),
                "Benchmark <news@blog.example.com>", "https://blog.example.com", DigestComposer.Content.FULL);
        List<RenderedPost> posts = posts(site);
        Digest digest = new Digest("20260101-0123456789ab", posts.stream().map(RenderedPost::url).toList(),
                Instant.EPOCH, null, 0);
        DigestComposer.Prepared prepared = composer.prepare(digest, posts);
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers.add(new Subscriber("reader" + i + "@example.com", i % 3 == 0 ? "Reader " + i : null));
        }
        compose(composer, prepared, subscribers.subList(0, 20_000));
        double one = rate(composer, prepared, subscribers, 1);
        double two = rate(composer, prepared, subscribers, 2);
        MimeWriter mime = new MimeWriter();
        long start = System.nanoTime();
        long bytes = 0;
        for (Subscriber subscriber : subscribers.subList(0, MIME_MESSAGES)) {
            bytes += mime.write(composer.compose(prepared, subscriber, Instant.EPOCH)).length;
        }
        double mimeRate = MIME_MESSAGES / ((System.nanoTime() - start) / 1e9);
        report.line("A digest of three posts in full (" + Report.number(prepared.html().length() / 1024.0, 0)
                + " KB of HTML), rendered once; then for each subscriber the personal message and the SES SendEmail"
                + " request the Send function makes (SES builds the MIME).");
        report.table(List.of("Threads", "Messages/s", "100,000 subscribers in"), List.of(
                List.of("1", Report.number(one, 0), Report.number(SUBSCRIBERS / one, 2) + " s"),
                List.of("2", Report.number(two, 0), Report.number(SUBSCRIBERS / two, 2) + " s")));
        report.line("For comparison, the whole MIME message as the local outbox writes it: "
                + Report.number(mimeRate, 0) + " messages/s on one thread (" + Report.number(bytes / MIME_MESSAGES / 1024.0, 0)
                + " KB each).");
        return new Result(one, two, mimeRate);
    }

    private static double rate(DigestComposer composer, DigestComposer.Prepared prepared, List<Subscriber> subscribers,
                               int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int share = subscribers.size() / threads;
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                List<Subscriber> part = subscribers.subList(thread * share, (thread + 1) * share);
                parts.add(pool.submit(() -> compose(composer, prepared, part)));
            }
            long sink = 0;
            for (Future<Long> part : parts) {
                sink += part.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sink == 0) {
                throw new IllegalStateException("nothing was composed");
            }
            return share * threads / seconds;
        } finally {
            pool.shutdown();
        }
    }

    /** The messages of a share of the subscribers; returns their total size, so none is optimised away. */
    private static long compose(DigestComposer composer, DigestComposer.Prepared prepared, List<Subscriber> subscribers)
            throws Exception {
        long size = 0;
        for (Subscriber subscriber : subscribers) {
            Email email = composer.compose(prepared, subscriber, Instant.EPOCH);
            size += SesMailer.request(email, "gazette-digest").content().simple().body().html().data().length();
        }
        return size;
    }

    private static List<RenderedPost> posts(Site site) throws Exception {
        PostParser parser = new PostParser(ZoneOffset.UTC, PostParser.DEFAULT_MAX_BYTES);
        PostRenderer renderer = new PostRenderer(site);
        List<RenderedPost> posts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StringBuilder body = new StringBuilder("---\ntitle: Post " + i + "\n---\n\n");
            for (int paragraph = 0; paragraph < 12; paragraph++) {
                body.append("A paragraph of the post with [a link](https://example.org/").append(paragraph)
                        .append(") and `code`, long enough to read like a real one, about the release and the")
                        .append(" community and what is next for the project and its tooling.\n\n");
                if (paragraph % 4 == 0) {
                    body.append("```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n\n");
                }
            }
            Post post = parser.parse("2026-01-0" + (i + 1) + "-post-" + i + ".md", body.toString().getBytes(StandardCharsets.UTF_8));
            posts.add(renderer.render(post, "posts/post-" + i + "/", source -> null));
        }
        return posts;
    }
}
