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
        super(OneLine.of(source) + (line > 0 ? ":" + line : "") + ": " + OneLine.of(reason));
        this.source = source;
        this.line = line;
        this.reason = OneLine.of(reason);
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
