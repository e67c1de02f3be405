package dev.gazette.post;

/** A post that cannot be published, with where and why, for the writer to fix. */
public final class PostException extends Exception {
    private final String source;
    private final int line;
    private final String reason;

    /**
     * @param line the line of the file the problem is on, or 0 when no single line is to blame
     */
    public PostException(String source, int line, String reason) {
        super(oneLine(source) + (line > 0 ? ":" + line : "") + ": " + oneLine(reason));
        this.source = source;
        this.line = line;
        this.reason = oneLine(reason);
    }

    /**
     * {@code text} with its control characters written as {@code \\n} or {@code \\u0000}: a report is one line per
     * post, whatever a file name or a quoted value holds.
     */
    static String oneLine(String text) {
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

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
