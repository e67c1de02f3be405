package dev.gazette.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A subscribe or preferences form, read once from a URL-encoded or a JSON body. */
class FormBodyTest {
    private static FormBody read(String contentType, String body) throws Refused {
        return FormBody.read(new Request("POST", "/subscribe", "", contentType == null ? Map.of()
                : Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFormAndTheSameInJsonReadAlike() throws Refused {
        FormBody form = read("application/x-www-form-urlencoded",
                "email=ada%40example.com&name=Ada&topic=Rust&topic=Go&topic=rust\n");
        FormBody json = read("application/json; charset=utf-8",
                "{\"email\": \"ada@example.com\", \"name\": \"Ada\", \"topic\": [\"Rust\", \"Go\", \"rust\"]}");

        assertEquals(List.of("go", "rust"), form.topics(), "topics as stored: keys, sorted, once each");
        assertEquals(form.topics(), json.topics());
        assertEquals("ada@example.com", form.fields().get("email"));
        assertEquals(Map.of("email", "ada@example.com", "name", "Ada"), json.fields());
    }

    @Test
    void aBodyWithoutATypeIsAFormAndOneTopicInJsonIsText() throws Refused {
        assertEquals(List.of("go"), read(null, "topic=go").topics());
        assertEquals(List.of("c++"), read("application/json", "{\"topic\": \"C++\", \"name\": null}").topics());
        assertEquals(List.of(), read("application/json", "{}").topics());
    }

    @Test
    void whatIsNotAFormOfTextsIsRefusedWithItsReason() {
        assertEquals(415, assertThrows(Refused.class, () -> read("text/plain", "topic=go")).status);
        assertEquals("The request is not valid JSON.",
                assertThrows(Refused.class, () -> read("application/json", "{")).getMessage());
        assertEquals("'topic' must be text or a list of texts.",
                assertThrows(Refused.class, () -> read("application/json", "{\"topic\": [7]}")).getMessage());
        assertEquals("'name' must be text.",
                assertThrows(Refused.class, () -> read("application/json", "{\"name\": true}")).getMessage());
        assertEquals(400, assertThrows(Refused.class, () -> read(null, "topic=%ZZ")).status);
        assertEquals(400, assertThrows(Refused.class, () -> read(null, "topic=" + "t".repeat(101))).status);
    }
}
