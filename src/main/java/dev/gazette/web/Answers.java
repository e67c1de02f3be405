package dev.gazette.web;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.gazette.feed.Feeds;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.Topics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the endpoints answer: a page made with the site's {@code page.html}, or JSON for a script. */
final class Answers {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Gson GSON = new Gson();

    private final Site site;
    private final Templates templates;
    private final PostIndex index;
    private final Captcha captcha;

    /**
     * @param index   the tags the forms offer as topics; null for a site without it
     * @param captcha whose widget a form may show; null for none
     */
    Answers(Site site, Templates templates, PostIndex index, Captcha captcha) {
        this.site = site;
        this.templates = templates;
        this.index = index;
        this.captcha = captcha;
    }

    /** A page, or the same in JSON: {@code {"status": code, "message": message}}. */
    Response answer(boolean json, int status, String code, String title, String message) {
        return json ? json(status, Map.of("status", code, "message", message), Map.of())
                : page(status, title, message, null, Map.of());
    }

    Response page(int status, String title, String message, Object form, Map<String, String> headers) {
        return page(status, title, message, form, headers, null);
    }

    /** @param leave the unsubscribe button's form, under the page's own; null for none */
    Response page(int status, String title, String message, Object form, Map<String, String> headers,
                  Object leave) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (leave != null) {
            context.put("leave", leave);
        }
        context.putAll(site.templateContext());
        context.put("title", title);
        context.put("message", Optional.ofNullable(message).orElse(""));
        if (form != null) {
            context.put("form", form);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        // The CAPTCHA's widget is a script of its provider's, which shows a frame and styles of theirs.
        boolean widget = form instanceof Map<?, ?> fields && fields.containsKey("captcha");
        String origins = widget ? " " + captcha.origins() : "";
        all.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'" + origins
                + "; form-action 'self' " + site.origin() + "; frame-ancestors 'none'; base-uri 'none'"
                + (widget ? "; script-src" + origins + "; frame-src" + origins + "; connect-src" + origins : ""));
        return Response.of(status, HTML, templates.render("page.html", context), all);
    }

    static Response json(int status, Map<String, String> fields, Map<String, String> headers) {
        JsonObject body = new JsonObject();
        fields.forEach(body::addProperty);
        return Response.of(status, JSON, GSON.toJson(body), headers);
    }

    /**
     * The site's tags as checkboxes, those in {@code topics} ticked, with any topic the reader has that no post
     * carries now; null when there is nothing to choose from.
     */
    Map<String, Object> topicChoices(List<String> topics) throws IOException {
        Map<String, String> offered = offered(topics);
        if (offered.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> choices = offered.entrySet().stream()
                .map(choice -> Map.<String, Object>of("value", choice.getValue(), "label", choice.getValue(),
                        "checked", topics.contains(choice.getKey())))
                .toList();
        return Map.of("choices", choices);
    }

    /** Each stored topic by its name: the site's tag's ({@code C#} for {@code c%23}), else its own. */
    List<String> topicNames(List<String> topics) throws IOException {
        Map<String, String> offered = offered(topics);
        return topics.stream().map(offered::get).toList();
    }

    /** The site's tags by topic, then the topics no post has now, by their own names. */
    private Map<String, String> offered(List<String> topics) throws IOException {
        Map<String, String> offered = new LinkedHashMap<>();
        for (String tag : index == null ? List.<String>of() : index.tags()) {
            offered.put(Feeds.key(tag), tag);
        }
        topics.forEach(topic -> offered.putIfAbsent(topic, Topics.name(topic)));
        return offered;
    }
}
