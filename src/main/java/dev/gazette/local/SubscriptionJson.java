package dev.gazette.local;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        out.endObject();
    }

    private static void optional(JsonWriter out, String name, String value) throws IOException {
        if (value != null) {
            out.name(name).value(value);
        }
    }

    /** @throws IllegalArgumentException for a state or a date that is not one */
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
        in.beginObject();
        while (in.hasNext()) {
            String field = in.nextName();
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                continue;
            }
            switch (field) {
                case "email" -> email = in.nextString();
                case "name" -> name = in.nextString();
                case "status" -> status = Subscription.Status.valueOf(in.nextString());
                case "created" -> created = Instant.parse(in.nextString());
                case "changed" -> changed = Instant.parse(in.nextString());
                case "confirmationSent" -> confirmationSent = Instant.parse(in.nextString());
                case "reason" -> reason = in.nextString();
                case "softBounces" -> {
                    in.beginArray();
                    while (in.hasNext()) {
                        softBounces.add(in.nextString());
                    }
                    in.endArray();
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Subscription(email, name, status, created, changed, confirmationSent, reason, softBounces);
    }
}
