package dev.gazette.feed;

import dev.gazette.render.RenderedPost;
import dev.gazette.site.Site;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The site's feeds in every {@link FeedFormat}: one for the whole site at its root, one per tag under
 * {@code tags/<tag>/}. Immutable and thread-safe.
 */
public final class Feeds {
    /** The XSL stylesheet that shows {@code feed.xml} as a page, at the site root. */
    public static final String STYLESHEET = "feed.xsl";
    /** Characters that would split a tag's folder name, end its path in a URL, or that Windows takes in no name. */
    private static final String UNSAFE_IN_KEY = "/\\?#%:*\"<>|";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Windows' device names (CON, NUL, COM1, …), which no file or folder may have there. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\\..*)?");

    private final Site site;

    public Feeds(Site site) {
        this.site = site;
    }

    /**
     * The files of the site-wide feed, by path below the site root.
     *
     * @param newest the newest published posts, newest first; only the first {@link Site#feedSize()} are used
     */
    public Map<String, String> site(List<RenderedPost> newest) {
        return write("", new Feed(site.title(), site.description(), site.language(), site.url().toString(),
                site.url().toString(), site.link(STYLESHEET), site.hub(), newest(newest)));
    }

    /** The files of the feed of one tag, by path below the site root: {@code tags/rust/feed.xml}, … */
    public Map<String, String> tag(String tag, List<RenderedPost> newest) {
        String folder = folderOf(tag);
        return write(folder, new Feed(site.title() + ": " + tag, "Posts tagged " + tag + " on " + site.title(),
                site.language(), site.url().toString(), site.link(folder), site.link(STYLESHEET), site.hub(),
                newest(newest)));
    }

    /**
     * The files of the feed of the newsletter's past issues, by path below the site root.
     *
     * @param folder the archive's folder, {@code newsletter/}
     * @param issues each issue as a post linking to its web copy, newest first
     */
    public Map<String, String> issues(String folder, List<RenderedPost> issues) {
        return write(folder, new Feed(site.title() + ": newsletter", "Past issues of the newsletter of "
                + site.title(), site.language(), site.link(folder), site.link(folder), site.link(STYLESHEET),
                "", newest(issues)));
    }

    /**
     * The paths of the files {@link #tag} writes, by the tag's {@link #key}, for deleting a tag's feed once no post
     * has it.
     */
    public static List<String> tagFiles(String key) {
        return FeedFormat.ALL.stream().map(format -> tagFolder(key) + format.fileName()).toList();
    }

    /**
     * The folder of a tag's feeds and page by its {@link #key}, which is not made a key again: a key may hold
     * {@code %}, which a second encoding would change.
     */
    public static String tagFolder(String key) {
        return "tags/" + key + "/";
    }

    /**
     * The key that tells tags apart: tags that differ only in case, spacing or Unicode normalisation ({@code é} or
     * {@code e} + U+0301, both one URL) share one feed, and the key is one safe path segment on every file system.
     * The characters a path segment cannot hold are percent-encoded rather than replaced, and so are a key of dots
     * alone, a final dot and the first letter of a Windows device name, so {@code a/b}, {@code a?b}, {@code .},
     * {@code ..} and {@code con} each get a feed of their own.
     */
    public static String key(String tag) {
        String spaced = Normalizer.normalize(tag.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .transform(lowered -> WHITESPACE.matcher(lowered).replaceAll("-"));
        boolean dotsOnly = spaced.chars().allMatch(c -> c == '.');
        boolean device = WINDOWS_DEVICE.matcher(spaced).matches();
        StringBuilder key = new StringBuilder(spaced.length());
        for (int i = 0; i < spaced.length(); i++) {
            char c = spaced.charAt(i);
            // Windows drops a final dot, and takes a device name with its first letter encoded.
            boolean last = i == spaced.length() - 1;
            if (UNSAFE_IN_KEY.indexOf(c) >= 0 || dotsOnly || c == '.' && last || device && i == 0) {
                key.append(String.format(Locale.ROOT, "%%%02X", (int) c));
            } else {
                key.append(c);
            }
        }
        return key.isEmpty() ? "-" : key.toString();
    }

    /** The XSL stylesheet's content. */
    public static String stylesheet() {
        try (InputStream in = Feeds.class.getResourceAsStream(STYLESHEET)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the feed stylesheet is missing from the jar", e);
        }
    }

    private static String folderOf(String tag) {
        return tagFolder(key(tag));
    }

    private List<RenderedPost> newest(List<RenderedPost> posts) {
        return posts.size() <= site.feedSize() ? posts : posts.subList(0, site.feedSize());
    }

    private static Map<String, String> write(String folder, Feed feed) {
        Map<String, String> files = new LinkedHashMap<>();
        for (FeedFormat format : FeedFormat.ALL) {
            files.put(folder + format.fileName(), format.write(feed));
        }
        return files;
    }
}
