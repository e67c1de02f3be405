package dev.gazette.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void keepsShortTextWhole() {
        assertEquals("A short  text.".replace("  ", " "), Excerpt.of("A short\n text.", 300));
    }

    @Test
    void cutsAtAWordBoundaryWithAnEllipsis() {
        assertEquals("The quick brown…", Excerpt.of("The quick brown fox jumps", 18));
    }

    @Test
    void dropsPunctuationBeforeTheEllipsis() {
        assertEquals("One, two…", Excerpt.of("One, two, three four five", 10));
    }

    @Test
    void cutsOneLongWordWhereItMust() {
        assertEquals("abcdefghij…", Excerpt.of("abcdefghijklmnopqrstuvwxyz", 10));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "😀".repeat(20);
        String excerpt = Excerpt.of(text, 11);
        assertEquals("😀".repeat(5) + "…", excerpt);
    }
}
