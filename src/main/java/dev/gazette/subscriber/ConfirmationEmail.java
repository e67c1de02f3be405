package dev.gazette.subscriber;

import dev.gazette.mail.Email;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The email that asks a new subscriber to confirm: one link, signed, that expires. It carries no name: anyone may
 * ask for it for any address, so nothing in it is theirs to write.
 */
public final class ConfirmationEmail {
    private final Site site;
    private final Templates templates;
    private final Tokens tokens;
    private final String from;

    public ConfirmationEmail(Site site, Templates templates, Tokens tokens, String from) {
        this.site = site;
        this.templates = templates;
        this.tokens = tokens;
        this.from = from;
    }

    /**
     * @param endpoint where the subscription endpoints are served, such as {@code https://example.com}
     * @param expires  when the link stops working
     */
    public Email compose(String address, String endpoint, Instant now, Instant expires) {
        Map<String, Object> context = site.templateContext();
        context.put("link", tokens.confirmLink(endpoint, address, expires));
        context.put("hours", Math.max(1, Duration.between(now, expires).toHours()));
        String campaign = "confirm-" + now.getEpochSecond();
        return new Email(from, address, null, "Confirm your subscription to " + site.title(),
                templates.render("confirm.txt", context), templates.render("confirm.html", context), now,
                Email.messageId(campaign, address, site.url().getHost()), Map.of(), campaign);
    }
}
