package dev.gazette.digest;

import dev.gazette.mail.Email;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.nodes.Entities;

/**
 * A digest as an issue of the newsletter: its subject, its posts laid out for mail, and its web copy in the archive
 * of past issues under {@code newsletter/}, which holds nothing personal: no address, no token, no link of one
 * reader. Immutable and thread-safe.
 */
public final class IssuePages {
    /** The archive's folder below the site root: its index and feeds, and a folder per issue. */
    public static final String FOLDER = "newsletter/";
    /**
     * The most HTML, in UTF-8 bytes, an email's templates may make: Gmail clips a message past 102 KB (104,448
     * bytes) and hides the rest, unsubscribe link and all; this leaves room for each reader's own links.
     */
    public static final int MAX_EMAIL_HTML = 100_000;

    private final Site site;
    private final Templates templates;
    private final DigestComposer.Content content;

    public IssuePages(Site site, Templates templates, DigestComposer.Content content) {
        this.site = site;
        this.templates = templates;
        this.content = content;
    }

    /** The folder of a digest's web copy below the site root: {@code newsletter/20240503-1f2e3d4c5b6a/}. */
    public static String path(Digest digest) {
        return FOLDER + digest.id() + "/";
    }

    /** The web copy's URL, which every email of the digest links to; none for a test digest, which has none. */
    String url(Digest digest) {
        return digest.isTest() ? null : site.link(path(digest));
    }

    /** The subject of the digest's email and the title of its web copy. */
    String subject(List<RenderedPost> posts) {
        // A long title is cut before the count, which says what the email is.
        return posts.size() == 1
                ? posts.get(0).title()
                : Email.oneLine(site.title(), Email.MAX_SUBJECT / 2) + ": " + posts.size() + " new posts";
    }

    /**
     * The email's template context, but for each reader's own links. Posts go in as the digest is configured, full
     * or as summaries; when the HTML would pass {@link #MAX_EMAIL_HTML}, the largest posts go in as their summary
     * with a link instead, one by one, until it fits.
     *
     * @param personal what each reader's email fills in, such as the placeholder of the unsubscribe link
     */
    Layout email(Digest digest, List<RenderedPost> posts, Map<String, Object> personal) {
        Map<String, String> styled = new HashMap<>();
        for (RenderedPost post : posts) {
            styled.put(post.url(), EmailHtml.inlineStyles(post.html()));
        }
        List<RenderedPost> largestFirst = posts.stream()
                .sorted(Comparator.comparingInt((RenderedPost post) -> styled.get(post.url()).length()).reversed())
                .toList();
        Set<String> summarised = new HashSet<>();
        while (true) {
            Map<String, Object> context = context(digest, posts, styled, summarised);
            context.putAll(personal);
            String html = templates.render("digest.html", context);
            RenderedPost next = largestFirst.stream().filter(post -> isFull(post, summarised)).findFirst()
                    .orElse(null);
            if (html.getBytes(StandardCharsets.UTF_8).length <= MAX_EMAIL_HTML || next == null) {
                List<String> shortened = posts.stream().map(RenderedPost::url).filter(summarised::contains).toList();
                return new Layout(html, templates.render("digest.txt", context), shortened);
            }
            summarised.add(next.url());
        }
    }

    /**
     * An email's HTML and text before each reader's links are filled in.
     *
     * @param summarised the permalinks of the posts that went in as their summary to keep the email unclipped
     */
    record Layout(String html, String text, List<String> summarised) {
    }

    /**
     * The posts of a digest that would not fit in its email whole, and go in as their summary: the run says so.
     * Every reader's email of these posts has the same layout.
     */
    public List<String> summarisedInEmail(Digest digest, List<RenderedPost> posts) {
        return email(digest, posts, Map.of("unsubscribe", placeholder("unsubscribe"),
                "preferences", placeholder("preferences"))).summarised();
    }

    /**
     * Stands for one of each reader's links while the templates run: random, so no post can contain it, and of one
     * length, so an email measured here for the run's report is laid out as the sender lays it out.
     */
    static String placeholder(String link) {
        return "gazette-" + link + "-" + UUID.randomUUID();
    }

    /** The digest's web copy: the email as every reader got it, without any reader's links. */
    public String webCopy(Digest digest, List<RenderedPost> posts) {
        Map<String, String> styled = posts.stream()
                .collect(Collectors.toMap(RenderedPost::url, post -> EmailHtml.inlineStyles(post.html()), (a, b) -> a));
        Map<String, Object> context = context(digest, posts, styled, Set.of());
        context.remove("browser");
        context.put("web", true);
        context.put("archive", site.link(FOLDER));
        context.put("subscribe", site.subscribeUrl());
        return templates.render("digest.html", context);
    }

    /**
     * An issue as the archive's index and feed list it: titled by its date, linking to its web copy, with the posts
     * it carried that are still published.
     */
    public RenderedPost listing(Digest digest, List<RenderedPost> posts) {
        String day = site.day(digest.created());
        StringBuilder html = new StringBuilder("<ul>");
        for (RenderedPost post : posts) {
            html.append("<li><a href=\"").append(Entities.escape(post.url())).append("\">")
                    .append(Entities.escape(post.title())).append("</a></li>");
        }
        html.append("</ul>");
        String titles = posts.stream().map(RenderedPost::title).collect(Collectors.joining(" · "));
        String title = posts.isEmpty() ? day : day + ": " + Email.oneLine(subject(posts), Email.MAX_SUBJECT);
        return new RenderedPost(path(digest), site.link(path(digest)), path(digest), title, digest.created(),
                digest.created(), titles, List.of(), List.of(), null, html.toString(), false, Set.of());
    }

    private Map<String, Object> context(Digest digest, List<RenderedPost> posts, Map<String, String> styled,
                                        Set<String> summarised) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (RenderedPost post : posts) {
            boolean full = isFull(post, summarised);
            String html = styled.get(post.url());
            listed.add(Map.of(
                    "title", post.title(),
                    "url", post.url(),
                    "date", site.day(post.date()),
                    "authors", String.join(", ", post.authors()),
                    "summary", post.summary(),
                    "html", html,
                    "full", full,
                    "text", full ? PlainText.of(html) : post.summary()));
        }
        Map<String, Object> context = site.templateContext();
        context.put("subject", subject(posts));
        context.put("posts", listed);
        context.put("full", content == DigestComposer.Content.FULL);
        String url = url(digest);
        if (url != null) {
            context.put("browser", url);
        }
        return context;
    }

    private boolean isFull(RenderedPost post, Set<String> summarised) {
        return content == DigestComposer.Content.FULL && !summarised.contains(post.url());
    }
}
