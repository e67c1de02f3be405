package dev.gazette.render;

/** A summary cut from a post's opening text. */
final class Excerpt {
    static final int LENGTH = 300;

    private Excerpt() {
    }

    /** {@code text} whole when short, else cut at the last word boundary before {@code length} with an ellipsis. */
    static String of(String text, int length) {
        String clean = text.replaceAll("\\s+", " ").strip();
        if (clean.length() <= length) {
            return clean;
        }
        int cut = clean.lastIndexOf(' ', length);
        if (cut < length / 2) {
            cut = Character.isHighSurrogate(clean.charAt(length - 1)) ? length - 1 : length;
        }
        return clean.substring(0, cut).replaceAll("[\\s\\p{Punct}&&[^)\\]\"'?!]]+$", "") + "…";
    }
}
