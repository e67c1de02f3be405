package dev.gazette.lambda;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The JSON events Lambda hands the functions, read with the few fields Gazette uses. */
final class Events {
    private Events() {
    }

    static JsonObject read(InputStream in) throws IOException {
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonElement event = JsonParser.parseReader(reader);
            return event.isJsonObject() ? event.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The member {@code name} if it is an object, else an empty one: an event may come from anyone allowed to
     * invoke the function, in any shape, and a missing or odd part is only missing.
     */
    static JsonObject object(JsonObject object, String name) {
        JsonElement member = object == null ? null : object.get(name);
        return member != null && member.isJsonObject() ? member.getAsJsonObject() : new JsonObject();
    }

    /** The member {@code name} as text if it is a string, number or boolean; else null. */
    static String text(JsonObject object, String name) {
        return object == null ? null : text(object.get(name));
    }

    /**
     * A value as text if it is a string, number or boolean, a list of such joined with commas as HTTP joins the
     * values of a repeated header; null for anything else.
     */
    static String text(JsonElement value) {
        if (value != null && value.isJsonPrimitive()) {
            return value.getAsString();
        }
        if (value == null || !value.isJsonArray()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonElement part : value.getAsJsonArray()) {
            if (part.isJsonPrimitive()) {
                parts.add(part.getAsString());
            }
        }
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    static void write(OutputStream out, JsonElement result) throws IOException {
        out.write(result.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keys an S3 notification names, created or removed alike: the handler reads each as it is now, so a
     * notification delivered twice or late does no harm. None for any other event, nor for folders.
     */
    static List<String> s3Keys(JsonObject event) {
        List<String> keys = new ArrayList<>();
        JsonArray records = event.has("Records") && event.get("Records").isJsonArray()
                ? event.getAsJsonArray("Records") : new JsonArray();
        for (JsonElement element : records) {
            String key = element.isJsonObject()
                    ? text(object(object(element.getAsJsonObject(), "s3"), "object"), "key") : null;
            // A key ending in '/' is the empty object the S3 console makes for a folder, not a file to publish.
            if (key != null && !key.endsWith("/")) {
                // S3 encodes keys in notifications as in a form: '+' for a space, %XX for the rest.
                keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
            }
        }
        return keys;
    }
}
