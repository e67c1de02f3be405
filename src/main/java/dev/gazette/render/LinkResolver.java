package dev.gazette.render;

import dev.gazette.post.PostParser;
import dev.gazette.site.Site;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Makes every URL in a post absolute, resolved the way its writer sees it in an editor:
 * <ul>
 *   <li>{@code #part} is the post's own permalink with that fragment;</li>
 *   <li>{@code /images/x.png} is below the site URL;</li>
 *   <li>{@code other-post.md#part} is that post's permalink;</li>
 *   <li>{@code images/x.png} or {@code ../x.pdf} inside the posts folder is the URL the file is copied to;</li>
 *   <li>a path that climbs out of the posts folder is resolved against the post's page, as a browser would.</li>
 * </ul>
 * Absolute URLs ({@code https:}, {@code mailto:}, …) are left alone. One resolver serves one post.
 */
final class LinkResolver {
    /** The attributes of HTML and SVG that hold one URL. */
    private static final List<String> SINGLE_URL_ATTRIBUTES = List.of("href", "src", "poster", "cite", "action",
            "formaction", "data", "background", "longdesc", "lowsrc", "dynsrc", "icon", "codebase", "manifest",
            "xlink:href");
    /**
     * The elements and attributes that show an image, where a {@code data:image/…} URL is one: in an
     * {@code <iframe>} or {@code <embed>}, an SVG image would run its scripts.
     */
    private static final Set<String> IMAGE_ELEMENTS = Set.of("img", "source", "video");
    private static final Set<String> IMAGE_ATTRIBUTES = Set.of("src", "srcset", "poster", "lowsrc", "dynsrc");
    private static final Pattern SRCSET_CANDIDATE = Pattern.compile("\\s*([^\\s,][^\\s]*)(\\s+[^,]*)?(,|$)");

    private final Site site;
    private final Function<String, String> permalinkOf;
    private final Set<String> linkedPosts = new HashSet<>();
    private final List<LocalLink> local = new ArrayList<>();
    private boolean cover;

    /** @param permalinkOf the permalink of the post at a source path, or null when there is none */
    LinkResolver(Site site, Function<String, String> permalinkOf) {
        this.site = site;
        this.permalinkOf = permalinkOf;
    }

    /**
     * {@code html} with every URL attribute made absolute, for the post at {@code source} published at {@code pageUrl};
     * an attribute whose URL {@link UrlRule} refuses is removed.
     */
    String resolveAll(String html, String source, String pageUrl) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        for (Element element : document.body().getAllElements()) {
            for (String attribute : SINGLE_URL_ATTRIBUTES) {
                if (!element.hasAttr(attribute)) {
                    continue;
                }
                String url = element.attr(attribute);
                boolean image = IMAGE_ELEMENTS.contains(element.normalName()) && IMAGE_ATTRIBUTES.contains(attribute);
                if (UrlRule.allows(url, image)) {
                    element.attr(attribute, resolve(url, source, pageUrl));
                } else {
                    element.removeAttr(attribute);
                }
            }
            if (element.hasAttr("srcset")) {
                element.attr("srcset", resolveSrcset(element.attr("srcset"), source, pageUrl));
            }
        }
        return document.body().html();
    }

    /** One URL made absolute; one that is not a URL at all is returned as it is. */
    String resolve(String url, String source, String pageUrl) {
        String written = url.strip();
        if (written.isEmpty()) {
            return url;
        }
        if (written.startsWith("#")) {
            return pageUrl + written;
        }
        URI reference;
        try {
            reference = new URI(escaped(written));
        } catch (URISyntaxException e) {
            return url;
        }
        if (reference.isAbsolute()) {
            return written;
        }
        if (written.startsWith("//")) {
            return site.url().getScheme() + ":" + reference.toASCIIString();
        }
        if (written.startsWith("/")) {
            return site.url().resolve("." + reference.toASCIIString()).toASCIIString();
        }
        String path = reference.getPath();
        String target = path == null || path.isEmpty() ? null : normalize(directoryOf(source) + path);
        if (target == null) {
            if (path != null && !path.isEmpty()) {
                local.add(new LocalLink(written, null, cover));
            }
            return URI.create(pageUrl).resolve(reference).toASCIIString();
        }
        if (!target.isEmpty() && !PostParser.isPost(target) && !path.endsWith("/")) {
            local.add(new LocalLink(written, target, cover));
        }
        String fragment = reference.getRawFragment() == null ? "" : "#" + reference.getRawFragment();
        if (PostParser.isPost(target)) {
            linkedPosts.add(target);
            String permalink = permalinkOf.apply(target);
            if (permalink != null) {
                return permalink + fragment;
            }
        }
        String query = reference.getRawQuery() == null ? "" : "?" + reference.getRawQuery();
        String folder = path.endsWith("/") && !target.isEmpty() ? "/" : "";
        return site.link(target + folder) + query + fragment;
    }

    /**
     * A URL as written, with the characters URLs do not take (a space, '|', a '%' that starts no escape, a second
     * '#') percent-encoded, as browsers do with them.
     */
    private static String escaped(String url) {
        StringBuilder escaped = new StringBuilder(url.length());
        boolean inFragment = false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean startsEscape = c == '%' && i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2));
            if (c == '#' && !inFragment) {
                inFragment = true;
                escaped.append(c);
            } else if (c >= 0x80 || startsEscape || c > 0x20 && c < 0x7f && "%\"<>\\^`{|}[]#".indexOf(c) < 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return escaped.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** The post's cover image made absolute, as {@link #resolve} makes any URL. */
    String resolveCover(String url, String source, String pageUrl) {
        cover = true;
        try {
            return resolve(url, source, pageUrl);
        } finally {
            cover = false;
        }
    }

    /** The relative links resolved so far that point to a file of the posts folder, or out of it. */
    List<LocalLink> local() {
        return local;
    }

    /** The sources of the posts the resolved URLs point to, published or not yet. */
    Set<String> linkedPosts() {
        return linkedPosts;
    }

    private String resolveSrcset(String srcset, String source, String pageUrl) {
        StringBuilder resolved = new StringBuilder();
        Matcher candidate = SRCSET_CANDIDATE.matcher(srcset);
        while (candidate.find() && !candidate.group().isEmpty()) {
            if (!UrlRule.allows(candidate.group(1), true)) {
                continue;
            }
            if (!resolved.isEmpty()) {
                resolved.append(", ");
            }
            resolved.append(resolve(candidate.group(1), source, pageUrl));
            if (candidate.group(2) != null) {
                resolved.append(candidate.group(2).stripTrailing());
            }
        }
        return resolved.toString();
    }

    private static String directoryOf(String source) {
        return source.substring(0, source.lastIndexOf('/') + 1);
    }

    /** {@code a/./b/../c} as {@code a/c}; null when it climbs out of the posts folder. */
    private static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else if (!segment.equals(".") && !segment.isEmpty()) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
