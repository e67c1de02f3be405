package dev.gazette.post;

import java.util.Locale;

/**
 * A path below the site root that a writer gives in front matter, for a post's own permalink or an old path to
 * redirect from: {@code /about/}, {@code /2019/05/launch.html}. It is taken literally, without placeholders, and
 * held to the rules of a slug in every segment, so it names the same file on every file system.
 */
final class SitePath {
    /** Longer paths are refused: a URL of more than 2,000 characters is cut by some browsers and servers. */
    static final int MAX_LENGTH = 1000;
    /** How many old paths one post may redirect from. */
    static final int MAX_ALIASES = 100;

    private SitePath() {
    }

    /**
     * The path without its leading slash, ending in {@code /} or {@code .html}: one without either is a folder, as
     * Hugo serves {@code url: /about} at {@code /about/}. One without a leading slash is from the site root too.
     */
    static String of(FrontMatter front, String key, String value) throws PostException {
        String path = Names.composed(value.strip());
        path = path.startsWith("/") ? path : "/" + path;
        String problem = problem(path);
        if (problem != null) {
            throw front.error(key, "front matter '" + key + "' " + problem + ": \"" + Names.shown(path)
                    + "\"; write a path below the site such as /2019/05/launch/");
        }
        path = path.substring(1);
        return path.endsWith("/") || path.toLowerCase(Locale.ROOT).endsWith(".html") ? path : path + "/";
    }

    private static String problem(String path) {
        if (path.startsWith("//")) {
            return "starts with '//', which makes it another host's address";
        }
        if (path.length() > MAX_LENGTH) {
            return String.format(Locale.ROOT, "is %,d characters long, over the limit of %,d", path.length(),
                    MAX_LENGTH);
        }
        if (path.equals("/")) {
            return "is the site's home page, which Gazette writes itself";
        }
        String inner = path.substring(1, path.endsWith("/") ? path.length() - 1 : path.length());
        for (String segment : inner.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment ('//')";
            }
            if (segment.startsWith(".") || segment.contains("\\")) {
                return "has the segment \"" + Names.shown(segment) + "\", which starts with '.' or holds '\\'";
            }
            String bad = Names.problem(segment, Names.MAX_SLUG_BYTES);
            if (bad != null) {
                return "has a segment that " + bad;
            }
        }
        return null;
    }
}
