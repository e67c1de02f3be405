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
}
