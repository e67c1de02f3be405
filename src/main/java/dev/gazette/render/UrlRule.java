package dev.gazette.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which URLs a post may carry onto its page, its feed items and its email: web and mail links ({@code http:},
 * {@code https:}, {@code mailto:}, {@code tel:}), paths, and {@code data:image/…} for images. A {@code javascript:},
 * {@code vbscript:}, other {@code data:} or {@code file:} URL would run or open something the reader never asked
 * for; feed readers and mail programs drop them anyway.
 */
final class UrlRule {
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "tel");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    /** What browsers ignore in a URL: tabs and line breaks anywhere, controls and spaces at either end. */
    private static final Pattern IGNORED_INSIDE = Pattern.compile("[\\t\\n\\r]");
    private static final Pattern IGNORED_AROUND = Pattern.compile("^[\\x00-\\x20]+|[\\x00-\\x20]+$");

    private UrlRule() {
    }

    /**
     * Whether {@code url} may stay, read as a browser reads it ({@code java&#9;script:} is {@code javascript:}).
     *
     * @param image whether it is an image's source, which may also be a {@code data:image/…} URL
     */
    static boolean allows(String url, boolean image) {
        String read = IGNORED_AROUND.matcher(IGNORED_INSIDE.matcher(url).replaceAll("")).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Matcher scheme = SCHEME.matcher(read);
        if (!scheme.find()) {
            return true;
        }
        return SCHEMES.contains(scheme.group(1)) || image && read.startsWith("data:image/");
    }
}
