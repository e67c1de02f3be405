package dev.gazette.subscriber;

/**
 * Checks a reader's name as typed into the form or found in a subscriber list, so the name kept fits on one line of
 * an email header and reads as what it is.
 */
public final class SubscriberName {
    /** The most characters a name may have. */
    public static final int MAX_LENGTH = 100;
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    /** Letters by Unicode's reckoning that draw nothing: Hangul's fillers and the blank Braille pattern. */
    private static final String BLANK_FILLERS = "\u115F\u1160\u3164\uFFA0\u2800";

    private SubscriberName() {
    }

    /**
     * The name to keep: {@code typed} without the spaces around it, or null when there is none.
     *
     * @throws IllegalArgumentException saying what is wrong with it: {@code the name can be at most 100 characters long}
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        if (typed.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new IllegalArgumentException("the name must be on one line, without control characters");
        }
        typed.codePoints().filter(SubscriberName::invisible).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException(String.format(
                    "the name must not contain invisible formatting characters such as U+%04X", c));
        });
        String name = stripped(typed);
        if (name.isEmpty()) {
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("the name can be at most " + MAX_LENGTH + " characters long");
        }
        return name;
    }

    /** {@code typed} without the blanks around it: a name of blanks only is no name. */
    private static String stripped(String typed) {
        int start = 0;
        while (start < typed.length() && blank(typed.codePointAt(start))) {
            start = typed.offsetByCodePoints(start, 1);
        }
        int end = typed.length();
        while (end > start && blank(typed.codePointBefore(end))) {
            end = typed.offsetByCodePoints(end, -1);
        }
        return typed.substring(start, end);
    }

    /**
     * A character that shows as blank space: Unicode's spaces (the no-break ones too, which {@link String#strip}
     * keeps) and the fillers that draw nothing (Hangul's, Braille's blank pattern).
     */
    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || BLANK_FILLERS.indexOf(c) >= 0;
    }

    /**
     * A format character (a right-to-left override such as U+202E can make a name show as another text, in an
     * export or an inbox) or half of a broken surrogate pair. The joiners stay: some scripts and emoji are written
     * with them.
     */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT && c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER
                || type == Character.SURROGATE;
    }
}
