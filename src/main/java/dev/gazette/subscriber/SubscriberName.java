package dev.gazette.subscriber;

/**
 * Checks a reader's name as typed into the form or found in a subscriber list, so the name kept fits on one line of
 * an email header.
 */
public final class SubscriberName {
    /** The most characters a name may have. */
    public static final int MAX_LENGTH = 100;

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
        if (typed.isBlank()) {
            return null;
        }
        String name = typed.strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("the name can be at most " + MAX_LENGTH + " characters long");
        }
        return name;
    }
}
