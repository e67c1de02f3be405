package dev.gazette.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.gazette.subscriber.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A form as sent to {@code /subscribe} or {@code /preferences}, URL-encoded or as a JSON object, read once.
 *
 * @param fields each field's text but the topics; where a name repeats in a form, its first value
 * @param topics the topics asked for under {@code topic}, repeated in a form, a text or a list of texts in JSON, as
 *               stored
 */
record FormBody(Map<String, String> fields, List<String> topics) {

    /** @throws Refused when the body is not a form or a JSON object of texts, or a topic is not one */
    static FormBody read(Request request) throws Refused {
        String type = request.header("content-type").toLowerCase(Locale.ROOT);
        boolean json = type.startsWith("application/json");
        if (!json && !type.isEmpty() && !type.startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(415, "Send the form as application/x-www-form-urlencoded or application/json.");
        }
        String body;
        try {
            body = Form.utf8(request.body());
        } catch (IllegalArgumentException malformed) {
            throw Refused.unreadable(malformed);
        }
        return json ? json(body) : form(body.strip());
    }

    private static FormBody form(String body) throws Refused {
        Map<String, List<String>> all;
        try {
            all = Form.parseAll(body);
        } catch (IllegalArgumentException malformed) {
            throw Refused.unreadable(malformed);
        }
        return new FormBody(Form.firstValues(all), topics(all.getOrDefault("topic", List.of())));
    }

    private static FormBody json(String body) throws Refused {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new Refused(400, "The request is not valid JSON.");
        }
        if (!parsed.isJsonObject()) {
            throw new Refused(400, "The request must be a JSON object such as {\"email\": \"ada@example.com\"}.");
        }
        JsonObject object = parsed.getAsJsonObject();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            JsonElement value = field.getValue();
            if (value.isJsonNull() || field.getKey().equals("topic")) {
                // Topics may be a list: read below.
                continue;
            }
            if (!isText(value)) {
                throw new Refused(400, "'" + field.getKey() + "' must be text.");
            }
            fields.put(field.getKey(), value.getAsString());
        }
        return new FormBody(fields, topics(jsonTopics(object.get("topic"))));
    }

    /** {@code "topic"} of a JSON body: one text or a list of texts. */
    private static List<String> jsonTopics(JsonElement topic) throws Refused {
        if (topic == null || topic.isJsonNull()) {
            return List.of();
        }
        List<String> topics = new ArrayList<>();
        for (JsonElement one : topic.isJsonArray() ? topic.getAsJsonArray().asList() : List.of(topic)) {
            if (!isText(one)) {
                throw new Refused(400, "'topic' must be text or a list of texts.");
            }
            topics.add(one.getAsString());
        }
        return topics;
    }

    private static boolean isText(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    private static List<String> topics(List<String> typed) throws Refused {
        try {
            return Topics.normalise(typed);
        } catch (IllegalArgumentException bad) {
            throw Refused.asSentence(bad);
        }
    }
}
