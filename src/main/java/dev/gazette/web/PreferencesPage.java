package dev.gazette.web;

import dev.gazette.site.Site;
import dev.gazette.subscriber.Subscriptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /preferences}, a reader's own page: GET shows their topics and changes nothing, since mail scanners follow
 * links; the form's POST sets them. The link's token is signed for this page only.
 */
final class PreferencesPage {
    private final Subscriptions subscriptions;
    private final Site site;
    private final Clock clock;
    private final Answers answers;

    PreferencesPage(Subscriptions subscriptions, Site site, Clock clock, Answers answers) {
        this.subscriptions = subscriptions;
        this.site = site;
        this.clock = clock;
        this.answers = answers;
    }

    /** @param token the link's token, as the query has it; empty for none */
    Response answer(String method, String token, Request request, boolean json) throws Refused, IOException {
        // One time for the request: a link that expires between two checks of it must not pass one and fail the other.
        Instant now = clock.instant();
        return switch (method) {
            case "GET", "HEAD" -> show(token, now);
            case "POST" -> change(token, FormBody.read(request), json, now);
            default -> throw Refused.notAllowed("GET, POST");
        };
    }

    private Response show(String token, Instant now) throws Refused, IOException {
        Subscriptions.Preferences.Shown shown = shown(subscriptions.preferences(token, now));
        if (!shown.subscribed()) {
            throw notSubscribed();
        }
        return page(token, shown.topics(), null, now);
    }

    private Response change(String token, FormBody form, boolean json, Instant now) throws Refused, IOException {
        List<String> topics = form.topics();
        return switch (subscriptions.changeTopics(token, topics, now)) {
            case CHANGED -> json ? Answers.json(200, Map.of("status", "saved", "message", saved(topics)), Map.of())
                    : page(token, topics, saved(topics), now);
            case NOT_SUBSCRIBED -> throw notSubscribed();
            case EXPIRED -> throw expired();
            case INVALID -> throw invalid();
        };
    }

    private static Subscriptions.Preferences.Shown shown(Subscriptions.Preferences preferences) throws Refused {
        if (preferences instanceof Subscriptions.Preferences.Shown shown) {
            return shown;
        }
        throw preferences instanceof Subscriptions.Preferences.Expired ? expired() : invalid();
    }

    private static Refused expired() {
        return new Refused(410, "This link has expired. Every new email has a fresh one.");
    }

    private static Refused invalid() {
        return new Refused(400, "This link is not valid. Use the one at the end of your latest email.");
    }

    private Refused notSubscribed() {
        return new Refused(409, "This address gets no emails from " + site.title() + " now. Subscribe again to"
                + " choose what you get.");
    }

    private String saved(List<String> topics) throws IOException {
        return topics.isEmpty() ? "Saved. You will get every post of " + site.title() + "."
                : "Saved. You will get the posts about " + String.join(", ", answers.topicNames(topics)) + ".";
    }

    /** The reader's topics to change, and a button to leave. */
    private Response page(String token, List<String> topics, String message, Instant now) throws IOException {
        Map<String, Object> choices = answers.topicChoices(topics);
        // A site without tags has nothing to choose: only the button to leave.
        Map<String, Object> form = choices == null ? null
                : Map.of("action", "/preferences?token=" + token, "topics", choices, "button", "Save");
        Map<String, Object> leave = Map.of("action", "/unsubscribe?token="
                + subscriptions.unsubscribeToken(token, now).orElseThrow());
        return answers.page(200, "Your subscription to " + site.title(), message, form, Map.of(), leave);
    }
}
