package dev.gazette.render;

import dev.gazette.site.Site;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
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
 *   <li>{@code images/x.png} or {@code ../x.pdf} beside the post is the copied file's URL;</li>
 *   <li>any other relative URL is resolved against the post's page, as a browser on that page would.</li>
 * </ul>
 * Absolute URLs ({@code https:}, {@code mailto:}, …) are left alone.
 */
public final class LinkResolver {
    private static final String URL_ATTRIBUTES = "[href], [src], [poster], [cite], [srcset]";
    private static final Pattern SRCSET_CANDIDATE = Pattern.compile("\\s*([^\\s,][^\\s]*)(\\s+[^,]*)?(,|$)");

    private final Site site;
    private final Map<String, String> postUrls;
    private final Set<String> files;

    /**
     * @param postUrls the permalink of every post, by source path relative to the posts folder
     * @param files    every other file beside the posts, by the same kind of path; each is copied to the site
     */
    public LinkResolver(Site site, Map<String, String> postUrls, Set<String> files) {
        this.site = site;
        this.postUrls = Map.copyOf(postUrls);
        this.files = Set.copyOf(files);
    }

    /** {@code html} with every URL attribute made absolute, for the post at {@code source} published at {@code pageUrl}. */
    public String resolveAll(String html, String source, String pageUrl) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        for (Element element : document.body().select(URL_ATTRIBUTES)) {
            for (String attribute : new String[] {"href", "src", "poster", "cite"}) {
                if (element.hasAttr(attribute)) {
                    element.attr(attribute, resolve(element.attr(attribute), source, pageUrl));
                }
            }
            if (element.hasAttr("srcset")) {
                element.attr("srcset", resolveSrcset(element.attr("srcset"), source, pageUrl));
            }
        }
        return document.body().html();
    }

    /** One URL made absolute; one that is not a URL at all is returned as it is. */
    public String resolve(String url, String source, String pageUrl) {
        String written = url.strip();
        if (written.isEmpty()) {
            return url;
        }
        if (written.startsWith("#")) {
            return pageUrl + written;
        }
        URI reference;
        try {
            reference = new URI(written.replace(" ", "%20"));
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
        String target = reference.getPath() == null || reference.getPath().isEmpty()
                ? null : normalize(directoryOf(source) + reference.getPath());
        String fragment = reference.getRawFragment() == null ? "" : "#" + reference.getRawFragment();
        if (target != null && postUrls.containsKey(target)) {
            return postUrls.get(target) + fragment;
        }
        if (target != null && files.contains(target)) {
            String query = reference.getRawQuery() == null ? "" : "?" + reference.getRawQuery();
            return site.link(target) + query + fragment;
        }
        return URI.create(pageUrl).resolve(reference).toASCIIString();
    }

    private String resolveSrcset(String srcset, String source, String pageUrl) {
        StringBuilder resolved = new StringBuilder();
        Matcher candidate = SRCSET_CANDIDATE.matcher(srcset);
        while (candidate.find() && !candidate.group().isEmpty()) {
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
