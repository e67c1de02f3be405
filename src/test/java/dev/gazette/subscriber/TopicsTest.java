package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {
    /** Tags whose key percent-encodes something: a character no path segment holds, a final dot, a device name. */
    private static final List<String> ENCODED_TAGS = List.of("C#", "C/C++", "Node.", "con", "Q&A?", "50%", "a%2fb");

    @Test
    void aReaderOfATagGetsItsPostsWhateverTheTagHoldsAndHowItIsWritten() {
        for (String tag : ENCODED_TAGS) {
            List<String> topics = Topics.normalise(List.of(tag));
            assertTrue(Topics.wants(topics, List.of(tag)), tag + " stored as " + topics);
            assertTrue(Topics.wants(topics, List.of(tag.toUpperCase())), tag);
            assertFalse(Topics.wants(topics, List.of("rust")), tag);
            assertFalse(Topics.wants(topics, List.of("a/b")), tag);
        }
        assertTrue(Topics.wants(List.of("Go"), List.of("go")), "a topic written by hand in a subscriber file");
    }

    @Test
    void storedTopicsSavedOrImportedAgainStayTheSame() {
        for (String tag : ENCODED_TAGS) {
            List<String> stored = Topics.normalise(List.of(tag));
            // An export writes them as stored, and an import reads them so.
            assertEquals(stored, Topics.stored(stored), tag);
            assertEquals(stored, Topics.stored(List.of(" " + stored.get(0) + " ")), tag);
            // The preferences page shows a topic no post carries now by its name, and the form sends that back.
            assertEquals(stored, Topics.normalise(List.of(Topics.name(stored.get(0)))), tag);
        }
        assertEquals(List.of("go"), Topics.stored(List.of("Go")), "a topic written by hand in a subscriber file");
    }

    @Test
    void aTopicTypedIsTheTagOfThatNameEvenWhenItLooksLikeAKey() {
        assertEquals(List.of("%2563on", "a%252fb", "c%2523"), Topics.normalise(List.of("a%2Fb", "c%23", "%63on")));
        for (String typed : List.of("a%2Fb", "c%23", "%63on")) {
            List<String> topics = Topics.normalise(List.of(typed));
            assertTrue(Topics.wants(topics, List.of(typed)), typed);
        }
        assertFalse(Topics.wants(Topics.normalise(List.of("a%2Fb")), List.of("a/b")));
        assertFalse(Topics.wants(Topics.normalise(List.of("c%23")), List.of("C#")));
        assertFalse(Topics.wants(Topics.normalise(List.of("%63on")), List.of("con")));
    }

    @Test
    void aTopicHoldsNoControlOrFormattingCharacterAsNoTagDoes() {
        for (String typed : List.of("go\u0000", "rust\nzig", "\u202Eog", "a\u2028b")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Topics.normalise(List.of(typed)));
            assertTrue(refused.getMessage().startsWith("a topic cannot hold the control character U+"),
                    refused.getMessage());
        }
    }
}
