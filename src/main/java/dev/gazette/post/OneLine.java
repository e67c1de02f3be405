package dev.gazette.post;

import java.io.PrintWriter;

/**
 * A message fit for one line of standard error: what a file or a reader wrote (an address with a line break in a
 * damaged subscriber file, a CSV cell) can neither start a line of its own, which would pass for another message,
 * nor send the terminal an escape sequence.
 */
public final class OneLine {
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

    /** {@code text} with its control and line-separator characters written as {@code \r}, {@code \n} or {@code \u001B}. */
    public static String of(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line.append("\\n");
            } else if (c == '\r') {
                line.append("\\r");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                line.append(String.format("\\u%04X", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }
}
