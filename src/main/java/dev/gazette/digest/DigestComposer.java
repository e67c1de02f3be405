package dev.gazette.digest;

import dev.gazette.mail.Email;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a digest's email for each subscriber. The templates run once per digest ({@link #prepare}); each subscriber
 * then only gets a personal unsubscribe link, so a list of any size costs little more than its addresses.
 * Immutable and thread-safe.
 */
public final class DigestComposer {
    /** What a post shows in the digest. */
    public enum Content {
        FULL, SUMMARY;

        /**
         * The content of this name, as the command line and the stack's parameter write it.
         *
         * @throws IllegalArgumentException for any other name: {@code is 'full' or 'summary', not 'x'}
         */
        public static Content named(String name) {
            return switch (name) {
                case "full" -> FULL;
                case "summary" -> SUMMARY;
                default -> throw new IllegalArgumentException("is 'full' or 'summary', not '" + name + "'");
            };
        }
    }

    private final Site site;
    private final Tokens tokens;
    private final String from;
    private final String endpoint;
    private final IssuePages pages;
    /** Stands for the unsubscribe link while the templates run; random, so no post can contain it. */
    private final String placeholder = IssuePages.placeholder("unsubscribe");
    /** Stands for the link to the reader's preferences page, as the unsubscribe placeholder does. */
    private final String preferencesPlaceholder = IssuePages.placeholder("preferences");

    /**
     * @param from     the sender: {@code Name <address>} or an address
     * @param endpoint the URL the subscription endpoints live under, such as {@code https://example.com}
     */
    public DigestComposer(Site site, Templates templates, Tokens tokens, String from, String endpoint,
                          Content content) {
        this.site = site;
        this.tokens = tokens;
        this.from = from;
        this.endpoint = endpoint;
        this.pages = new IssuePages(site, templates, content);
    }

    /**
     * The digest's subject, HTML and text with a placeholder for the unsubscribe link, ready to personalise. A post
     * that would take the email past Gmail's clipping limit goes in as its summary ({@link IssuePages#email}).
     */
    public Prepared prepare(Digest digest, List<RenderedPost> posts) {
        IssuePages.Layout layout = pages.email(digest, posts,
                Map.of("unsubscribe", placeholder, "preferences", preferencesPlaceholder));
        return new Prepared(digest.id(), pages.subject(posts), layout.html(), layout.text(), layout.summarised());
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
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                        "List-Id", Email.listId(site.title(), site.url().getHost())),
                digest.id());
    }

    /**
     * A digest rendered for nobody in particular.
     *
     * @param summarised the permalinks of the posts that went in as their summary to keep the email unclipped
     */
    public record Prepared(String id, String subject, String html, String text, List<String> summarised) {
    }
}
