package dev.gazette.digest;

import dev.gazette.mail.Email;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a digest's email for each subscriber. The templates run once per digest ({@link #prepare}); each subscriber
 * then only gets a personal unsubscribe link, so a list of any size costs little more than its addresses.
 * Immutable and thread-safe.
 */
public final class DigestComposer {
    /** What a post shows in the digest. */
    public enum Content { FULL, SUMMARY }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private final Site site;
    private final Templates templates;
    private final Tokens tokens;
    private final String from;
    private final String endpoint;
    private final Content content;
    /** Stands for the unsubscribe link while the templates run; random, so no post can contain it. */
    private final String placeholder = "gazette-unsubscribe-" + UUID.randomUUID();
    /** Stands for the link to the reader's preferences page, as the unsubscribe placeholder does. */
    private final String preferencesPlaceholder = "gazette-preferences-" + UUID.randomUUID();

    /**
     * @param from     the sender: {@code Name <address>} or an address
     * @param endpoint the URL the subscription endpoints live under, such as {@code https://example.com}
     */
    public DigestComposer(Site site, Templates templates, Tokens tokens, String from, String endpoint,
                          Content content) {
        this.site = site;
        this.templates = templates;
        this.tokens = tokens;
        this.from = from;
        this.endpoint = endpoint;
        this.content = content;
    }

    /** The digest's subject, HTML and text with a placeholder for the unsubscribe link, ready to personalise. */
    public Prepared prepare(Digest digest, List<RenderedPost> posts) {
        // A long title is cut before the count, which says what the email is.
        String subject = posts.size() == 1
                ? posts.get(0).title()
                : Email.oneLine(site.title(), Email.MAX_SUBJECT / 2) + ": " + posts.size() + " new posts";
        List<Map<String, Object>> listed = new ArrayList<>();
        for (RenderedPost post : posts) {
            String styled = EmailHtml.inlineStyles(post.html());
            listed.add(Map.of(
                    "title", post.title(),
                    "url", post.url(),
                    "date", DAY.format(post.date().atZone(site.zone())),
                    "authors", String.join(", ", post.authors()),
                    "summary", post.summary(),
                    "html", styled,
                    "text", content == Content.FULL ? PlainText.of(styled) : post.summary()));
        }
        Map<String, Object> context = Map.of(
                "site", Map.of("title", site.title(), "url", site.url().toString(), "language", site.language()),
                "subject", subject,
                "posts", listed,
                "full", content == Content.FULL,
                "unsubscribe", placeholder,
                "preferences", preferencesPlaceholder);
        return new Prepared(digest.id(), subject, templates.render("digest.html", context),
                templates.render("digest.txt", context));
    }

    /** The email of a prepared digest for one subscriber. */
    public Email compose(Prepared digest, Subscriber subscriber, Instant date) {
        String unsubscribe = tokens.unsubscribeLink(endpoint, subscriber.email());
        String preferences = tokens.preferencesLink(endpoint, subscriber.email(),
                date.plus(Subscriptions.PREFERENCES_LIFETIME));
        return new Email(
                from,
                subscriber.email(),
                subscriber.name(),
                digest.subject(),
                digest.text().replace(placeholder, unsubscribe).replace(preferencesPlaceholder, preferences),
                digest.html().replace(placeholder, unsubscribe).replace(preferencesPlaceholder, preferences),
                date,
                Email.messageId(digest.id(), subscriber.email(), site.url().getHost()),
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                digest.id());
    }

    /** A digest rendered for nobody in particular. */
    public record Prepared(String id, String subject, String html, String text) {
    }
}
