package dev.gazette.local;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A subscription as a JSON object of the subscriber file, field by field: Gson's reflection on the record made
 * reading a list of 100,000 take seconds.
 */
final class SubscriptionJson extends TypeAdapter<Subscription> {
    @Override
    public void write(JsonWriter out, Subscription subscription) throws IOException {
        out.beginObject();
        out.name("email").value(subscription.email());
        optional(out, "name", subscription.name());
        out.name("status").value(subscription.status().name());
        out.name("created").value(subscription.created().toString());
        out.name("changed").value(subscription.changed().toString());
        if (subscription.confirmationSent() != null) {
            out.name("confirmationSent").value(subscription.confirmationSent().toString());
        }
        optional(out, "reason", subscription.reason());
        if (!subscription.softBounces().isEmpty()) {
            out.name("softBounces").beginArray();
            for (String digest : subscription.softBounces()) {
                out.value(digest);
            }
            out.endArray();
        }
        if (!subscription.topics().isEmpty()) {
            out.name("topics").beginArray();
            for (String topic : subscription.topics()) {
                out.value(topic);
            }
            out.endArray();
        }
        if (subscription.welcomed() != null) {
            out.name("welcomed").value(subscription.welcomed().toString());
        }
        out.endObject();
    }

    private static void optional(JsonWriter out, String name, String value) throws IOException {
        if (value != null) {
            out.name(name).value(value);
        }
    }

    /**
     * @throws IllegalArgumentException saying in plain words which field is not what Gazette writes there: a hand-mended
     *     line may write the state in any case, as the export does
     */
    @Override
    public Subscription read(JsonReader in) throws IOException {
        String email = null;
        String name = null;
        Subscription.Status status = null;
        Instant created = null;
        Instant changed = null;
        Instant confirmationSent = null;
        String reason = null;
        List<String> softBounces = new ArrayList<>();
        List<String> topics = List.of();
        Instant welcomed = null;
        in.beginObject();
        while (in.hasNext()) {
            String field = in.nextName();
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                continue;
            }
            switch (field) {
                case "email" -> email = text(in, field);
                case "name" -> name = text(in, field);
                case "status" -> status = status(text(in, field));
                case "created" -> created = time(in, field);
                case "changed" -> changed = time(in, field);
                case "confirmationSent" -> confirmationSent = time(in, field);
                case "reason" -> reason = text(in, field);
                case "softBounces" -> softBounces = texts(in, field);
                case "topics" -> topics = texts(in, field);
                case "welcomed" -> welcomed = time(in, field);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Subscription(email, name, status, created, changed, confirmationSent, reason, softBounces, topics,
                welcomed);
    }

    private static String text(JsonReader in, String field) throws IOException {
        if (in.peek() != JsonToken.STRING) {
            throw new IllegalArgumentException("\"" + field + "\" must be text in quotes");
        }
        return in.nextString();
    }

    private static List<String> texts(JsonReader in, String field) throws IOException {
        String notTexts = "\"" + field + "\" must be a list of texts in quotes, such as [\"a\"]";
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            throw new IllegalArgumentException(notTexts);
        }
        List<String> texts = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.STRING) {
                throw new IllegalArgumentException(notTexts);
            }
            texts.add(in.nextString());
        }
        in.endArray();
        return texts;
    }

    private static Instant time(JsonReader in, String field) throws IOException {
        String text = text(in, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" must be a time such as 2024-05-10T12:00:00Z, not \""
                    + text + "\"");
        }
    }

    private static Subscription.Status status(String text) {
        try {
            return Subscription.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"status\" must be pending, confirmed, unsubscribed or suppressed, not \""
                    + text + "\"");
        }
    }
}
