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

    static void write(OutputStream out, JsonElement result) throws IOException {
        out.write(result.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keys an S3 notification names, created or removed alike: the handler reads each as it is now, so a
     * notification delivered twice or late does no harm. None for any other event.
     */
    static List<String> s3Keys(JsonObject event) {
        List<String> keys = new ArrayList<>();
        JsonArray records = event.has("Records") ? event.getAsJsonArray("Records") : new JsonArray();
        for (JsonElement element : records) {
            JsonObject record = element.getAsJsonObject();
            if (!record.has("s3")) {
                continue;
            }
            JsonObject s3 = record.getAsJsonObject("s3");
            // S3 encodes keys in notifications as in a form: '+' for a space, %XX for the rest.
            String key = URLDecoder.decode(s3.getAsJsonObject("object").get("key").getAsString(), StandardCharsets.UTF_8);
            keys.add(key);
        }
        return keys;
    }
}
