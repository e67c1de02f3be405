package dev.gazette.lambda;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Objects;

/**
 * A message delivered through an SNS topic to a function: SES's bounce and complaint notifications to Bounce, the
 * alarms of the alert topic to Send. Each function takes messages from its stack's own topic only.
 *
 * @param topic the topic's ARN; empty when the record names none
 * @param text  the message as published; empty when the record has none
 */
record SnsMessage(String topic, String text) {

    /** Whether a record is an SNS delivery, rather than a message from a queue. */
    static boolean isSns(JsonObject record) {
        return "aws:sns".equals(Events.text(record, "EventSource"));
    }

    /** The topic and message of one record of an SNS event; a record of another shape has neither. */
    static SnsMessage of(JsonElement record) {
        JsonObject sns = Events.object(record != null && record.isJsonObject() ? record.getAsJsonObject() : null,
                "Sns");
        return new SnsMessage(Objects.requireNonNullElse(Events.text(sns, "TopicArn"), ""),
                Objects.requireNonNullElse(Events.text(sns, "Message"), ""));
    }

    /** The message read as the JSON object that SES and CloudWatch publish. */
    JsonObject json() {
        try {
            JsonElement message = JsonParser.parseString(text);
            if (message.isJsonObject()) {
                return message.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // Said below, as for any other text.
        }
        throw new IllegalArgumentException("the SNS message is not a JSON object");
    }
}
