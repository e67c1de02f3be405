package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The check the form, a CSV import and the store's new subscriptions share. */
class SubscriberNameTest {
    @ParameterizedTest
    @CsvSource({
            "'\u202Egnp.exe', U+202E",
            "'Ada\u200BLovelace', U+200B",
            "'\uFEFFAda', U+FEFF",
            "'Ada \u2066Lovelace\u2069', U+2066",
            "'Ada\u00ADLovelace', U+00AD"})
    void refusesFormatCharactersThatHideOrReorderText(String typed, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubscriberName.normalise(typed));
        assertEquals("the name must not contain invisible formatting characters such as " + named, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "\u0646\u06CC\u200C\u0645\u0627", "\uD83D\uDC69\u200D\uD83D\uDCBB Grace",
            "\u05D0\u05D3\u05D4 \u05DC\u05D1\u05DC\u05D9\u05D9\u05E1"})
    void keepsNamesInAnyScriptWithTheirJoiners(String typed) {
        assertEquals(typed, SubscriberName.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\uD800", "\uDC00Ada"})
    void refusesBrokenSurrogates(String typed) {
        assertThrows(IllegalArgumentException.class, () -> SubscriberName.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u00A0\u00A0", "\u3164", "\u2007\u202F", "\u3000", "\u115F\u1160",
            "\uFFA0", "\u2800\u2800", " \u00A0\u3164 "})
    void aNameOfBlanksOnlyIsNoName(String typed) {
        assertEquals(null, SubscriberName.normalise(typed));
    }

    @ParameterizedTest
    @CsvSource({"'\u00A0Ada Lovelace\u3164', Ada Lovelace", "'\u3000\uAE40\uC9C0\uC218\u2800', \uAE40\uC9C0\uC218"})
    void blanksAroundANameAreDropped(String typed, String kept) {
        assertEquals(kept, SubscriberName.normalise(typed));
    }
}
