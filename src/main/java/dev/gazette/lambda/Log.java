package dev.gazette.lambda;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON line per event handled, for CloudWatch Logs Insights: what, which key, outcome, counts. */
final class Log {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Log(String event) {
        fields.put("event", event);
    }

    static Log of(String event) {
        return new Log(event);
    }

    Log with(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    void print() {
        System.out.println(GSON.toJson(fields));
    }
}
