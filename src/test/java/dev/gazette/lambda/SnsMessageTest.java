package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One reading of an SNS delivery, for the alarms Send takes and the notifications Bounce takes. */
class SnsMessageTest {
    private static JsonObject record(String event) {
        return JsonParser.parseString(Stack.read(Path.of("events", event))).getAsJsonObject()
                .getAsJsonArray("Records").get(0).getAsJsonObject();
    }

    @Test
    void anAlarmAndABounceAreReadAlike() {
        SnsMessage alarm = SnsMessage.of(record("sns-alarm.json"));
        SnsMessage bounce = SnsMessage.of(record("sns-bounce.json"));

        assertTrue(SnsMessage.isSns(record("sns-alarm.json")));
        assertEquals("arn:aws:sns:us-east-1:123456789012:gazette-AlertTopic-EXAMPLE", alarm.topic());
        assertEquals("gazette-BounceRateAlarm-EXAMPLE", alarm.json().get("AlarmName").getAsString());
        assertEquals("arn:aws:sns:us-east-1:123456789012:gazette-BounceTopic-EXAMPLE", bounce.topic());
        assertEquals("Bounce", bounce.json().get("eventType").getAsString());
    }

    @Test
    void aRecordOfAnotherShapeHasNoTopicAndNoMessage() {
        JsonObject queued = record("sqs-batch.json");
        SnsMessage odd = SnsMessage.of(JsonParser.parseString("{\"Sns\":{\"TopicArn\":[],\"Message\":\"[1]\"}}"));

        assertFalse(SnsMessage.isSns(queued));
        assertEquals(new SnsMessage("", ""), SnsMessage.of(queued));
        assertEquals("", odd.topic());
        assertEquals("the SNS message is not a JSON object",
                assertThrows(IllegalArgumentException.class, odd::json).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnsMessage.of(queued).json());
    }
}
