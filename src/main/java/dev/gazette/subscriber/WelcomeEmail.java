package dev.gazette.subscriber;

import dev.gazette.mail.Email;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The email a reader gets once they confirm: the site's newest posts, so the first email is worth opening, and
 * the links to their preferences and to unsubscribe. Made from {@code welcome.html} and {@code welcome.txt}.
 */
public final class WelcomeEmail {
    /** How many of the newest posts it lists unless the writer says otherwise. */
    public static final int DEFAULT_POSTS = 3;
    /** The most posts it may list: a welcome is not an archive. */
    public static final int MAX_POSTS = 20;

    private final Site site;
    private final Templates templates;
    private final Tokens tokens;
    private final String from;
    private final PostIndex index;
    private final int posts;

    /**
     * @param posts how many of the newest posts it lists, 0 to {@link #MAX_POSTS}
     * @throws IllegalArgumentException for a number of posts outside that range
     */
    public WelcomeEmail(Site site, Templates templates, Tokens tokens, String from, PostIndex index, int posts) {
        if (posts < 0 || posts > MAX_POSTS) {
            throw new IllegalArgumentException("the welcome email lists 0 to " + MAX_POSTS + " posts, not " + posts);
        }
        this.site = site;
        this.templates = templates;
        this.tokens = tokens;
        this.from = from;
        this.index = index;
        this.posts = posts;
    }

    /** @param endpoint where the subscription endpoints are served, such as {@code https://example.com} */
    public Email compose(Subscriber reader, String endpoint, Instant now) throws IOException {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (RenderedPost post : posts == 0 ? List.<RenderedPost>of() : index.newest(posts)) {
            listed.add(Map.of("title", post.title(), "url", post.url(), "summary", post.summary(),
                    "date", site.day(post.date())));
        }
        String unsubscribe = tokens.unsubscribeLink(endpoint, reader.email());
        Map<String, Object> context = site.templateContext();
        context.put("posts", listed);
        context.put("latest", !listed.isEmpty());
        context.put("preferences", tokens.preferencesLink(endpoint, reader.email(),
                now.plus(Subscriptions.PREFERENCES_LIFETIME)));
        context.put("unsubscribe", unsubscribe);
        String campaign = "welcome";
        return new Email(from, reader.email(), reader.name(), "Welcome to " + site.title(),
                templates.render("welcome.txt", context), templates.render("welcome.html", context), now,
                Email.messageId(campaign, reader.email(), site.url().getHost()),
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), campaign);
    }
}
