package dev.gazette.post;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a slug, a tag or a URL from front matter may hold, so that it makes a file, a feed and a link. */
final class Names {
    /** A slug is a file or folder name: with {@code .html} after it, it stays under the 255 bytes file systems take. */
    static final int MAX_SLUG_BYTES = 200;
    /** A tag names a feed's folder, where each character may take three bytes. */
    static final int MAX_TAG_LENGTH = 64;

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int SHOWN_LENGTH = 60;
    private static final String NOT_IN_FILE_NAMES = ":*?\"<>|";
    /** CON, NUL, COM1, …, with or without an extension, in any case. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\\..*)?");

    private Names() {
    }

    /**
     * Why {@code name} cannot name a file on every file system a site is built or copied to, or null when it can:
     * Windows takes no {@code :*?"<>|}, no name ending in a dot, and none of its device names.
     */
    static String problem(String name, int maxBytes) {
        String character = badCharacter(name);
        if (character != null) {
            return character;
        }
        for (char c : NOT_IN_FILE_NAMES.toCharArray()) {
            if (name.indexOf(c) >= 0) {
                return "has '" + c + "', which Windows takes in no file name (nor any of " + NOT_IN_FILE_NAMES + ")";
            }
        }
        if (name.endsWith(".")) {
            return "ends with '.', which Windows drops from a file name";
        }
        if (WINDOWS_DEVICE.matcher(name).matches()) {
            return "is the name of a Windows device, which no file may have";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        return bytes > maxBytes
                ? String.format(Locale.ROOT, "is %,d bytes long in UTF-8, over the limit of %d", bytes, maxBytes)
                : null;
    }

    /**
     * {@code text} in Unicode's composed form (NFC): {@code e} + U+0301 and {@code é} are one name, as they are one
     * URL once a browser or {@link java.net.URI} has read them.
     */
    static String composed(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * The tags, each checked (no control characters, at most {@link #MAX_TAG_LENGTH} characters) and composed (NFC),
     * without repeats.
     */
    static List<String> tags(FrontMatter front, List<String> tags) throws PostException {
        Set<String> checked = new LinkedHashSet<>(tags.size());
        for (String written : tags) {
            String tag = composed(written);
            String problem = badCharacter(tag);
            if (problem == null && tag.length() > MAX_TAG_LENGTH) {
                problem = String.format(Locale.ROOT, "is %,d characters long, over the limit of %d", tag.length(),
                        MAX_TAG_LENGTH);
            }
            if (problem != null) {
                String key = front.keyOf("tags", "categories");
                throw front.error(key, "the tag \"" + shown(tag) + "\" " + problem);
            }
            checked.add(tag);
        }
        return new ArrayList<>(checked);
    }

    /** Whether text starts with a URL scheme, such as {@code https:}. */
    static boolean hasScheme(String text) {
        return SCHEME.matcher(text).lookingAt() || text.startsWith("//");
    }

    /**
     * Why a URL from front matter is refused, or null: only http(s) URLs and paths are taken, so no
     * {@code javascript:} or {@code data:} URL reaches a page, a feed or an email. Control characters are refused
     * first, since browsers drop tabs and line breaks inside a URL and would read {@code java\tscript:} as a scheme.
     */
    static String urlProblem(String url) {
        String character = badCharacter(url);
        if (character != null) {
            return character;
        }
        var scheme = SCHEME.matcher(url);
        if (scheme.find()) {
            String name = scheme.group().toLowerCase(Locale.ROOT);
            if (!name.equals("http:") && !name.equals("https:")) {
                return "must be an http or https URL or a path, not a " + name + " URL";
            }
        }
        return null;
    }

    /** Why text holds a character no name should (a control or formatting character), or null. */
    private static String badCharacter(String text) {
        int c = OneLine.firstControl(text);
        return c < 0 ? null : String.format(Locale.ROOT, "has the control character U+%04X", c);
    }

    /** {@code text} for a message: on one line, and cut when long. */
    static String shown(String text) {
        String cut = text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "…" : text;
        return OneLine.of(cut);
    }
}
