package dev.gazette.post;

import java.io.PrintWriter;

/**
 * A message fit for one line of standard error: what a file or a reader wrote (an address with a line break in a
 * damaged subscriber file, a CSV cell) can neither start a line of its own, which would pass for another message,
 * nor send the terminal an escape sequence, nor hide what follows (a right-to-left override). The same characters
 * are those no name holds: a tag, a topic, a slug or a URL with one is refused ({@link #firstControl}); only the
 * zero-width joiners, which a message shows as written, are refused in a name too.
 */
public final class OneLine {
    /** Joiners show as they are in a message: some scripts and emoji are written with them, and they hide nothing. */
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;

    private OneLine() {
    }

    /** {@code err}, each line printed with {@code println} written through {@link #of}. */
    public static PrintWriter writer(PrintWriter err) {
        return new PrintWriter(err, true) {
            @Override
            public void println(String line) {
                super.println(of(line));
            }
        };
    }

    /**
     * {@code text} with its control characters ({@link #isControl}) but the joiners written as {@code \r},
     * {@code \n} or {@code \u001B}.
     */
    public static String of(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\n') {
                line.append("\\n");
            } else if (c == '\r') {
                line.append("\\r");
            } else if (isControl(c) && c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER) {
                line.append(String.format("\\u%04X", c));
            } else {
                line.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return line.toString();
    }

    /**
     * Whether a character breaks a line or changes how the rest shows: a control, formatting, line or paragraph
     * separator character, or half of a surrogate pair alone.
     */
    public static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The first control character ({@link #isControl}) of {@code text}, or -1 when it has none. */
    public static int firstControl(String text) {
        return text.codePoints().filter(OneLine::isControl).findFirst().orElse(-1);
    }
}
