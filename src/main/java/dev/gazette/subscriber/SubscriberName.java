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
        if (typed.isBlank()) {
            return null;
        }
        String name = typed.strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("the name can be at most " + MAX_LENGTH + " characters long");
        }
        return name;
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
