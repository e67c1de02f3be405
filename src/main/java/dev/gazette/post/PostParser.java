package dev.gazette.post;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads post files. Immutable and thread-safe: build one and parse every post with it.
 *
 * <pre>{@code
 * Post post = new PostParser(ZoneId.of("UTC"), PostParser.DEFAULT_MAX_BYTES)
 *         .parse("2024-05-01-launch.md", Files.readAllBytes(file));
 * }</pre>
 */
public final class PostParser {
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final Pattern DATED_NAME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})-(.+)$");

    private final ZoneId zone;
    private final long maxBytes;

    /**
     * @param zone     the site's time zone, for dates written without one
     * @param maxBytes the largest post file accepted
     */
    public PostParser(ZoneId zone, long maxBytes) {
        this.zone = zone;
        this.maxBytes = maxBytes;
    }

    /** Whether a file is a post by its name: {@code *.md} or {@code *.markdown}. */
    public static boolean isPost(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown");
    }

    /**
     * @param source the file's path relative to the posts folder, with {@code /} separators
     * @throws PostException naming the file, the line where known, and what is wrong; whatever the file holds,
     *                       nothing else is thrown
     */
    public Post parse(String source, byte[] content) throws PostException {
        try {
            return read(source, content);
        } catch (StackOverflowError e) {
            throw new PostException(source, 0, "nested too deeply to be read; flatten its front matter or Markdown");
        } catch (OutOfMemoryError e) {
            throw new PostException(source, 0, "too large to be read in the memory Gazette has; make it smaller");
        } catch (RuntimeException e) {
            // A parser's own failure on a writer's file: that post's error, never the whole run's.
            throw new PostException(source, 0, "cannot be read: " + e);
        }
    }

    private Post read(String source, byte[] content) throws PostException {
        FrontMatter front = FrontMatter.read(source, decode(source, content));
        String name = baseName(source);
        Matcher dated = DATED_NAME.matcher(name);

        String title = text(front, "title");
        if (title == null || title.isBlank()) {
            throw new PostException(source, front.lineOf("title"), "front matter has no 'title'");
        }
        Instant date = date(front, "date", "pubDate");
        if (date == null && dated.matches()) {
            date = nameDate(source, dated.group(1));
        }
        // Hugo's publishDate: the post is not out before it, whatever its date says.
        Instant publishDate = date(front, "publishDate");
        if (publishDate != null && (date == null || publishDate.isAfter(date))) {
            date = publishDate;
        }
        if (date == null) {
            throw new PostException(source, 1,
                    "no date: add 'date' to the front matter or name the file YYYY-MM-DD-" + name + ".md");
        }
        return new Post(
                source,
                title.strip(),
                date,
                date(front, "updated", "lastmod", "updatedDate"),
                text(front, "summary", "description", "excerpt"),
                Names.tags(front, list(front, "tags", "categories")),
                list(front, "author", "authors"),
                flag(front, "draft", false) || !flag(front, "published", true) || inDrafts(source),
                slug(front, dated.matches() ? dated.group(2) : name),
                image(front),
                flag(front, "email", true),
                front.body(),
                front.bodyLine(),
                permalink(front),
                aliases(front),
                front.lineOf(front.keyOf("image", "cover", "heroImage")));
    }

    /**
     * Jekyll's {@code permalink} or Hugo's {@code url}: the post's own path, in place of the site's pattern. A
     * {@code url} with a scheme is no path: link blogs keep the address they point to there, which is left alone.
     */
    private static String permalink(FrontMatter front) throws PostException {
        String key = front.keyOf("permalink", "url");
        String value = text(front, key);
        if (value == null || value.isBlank() || key.equals("url") && Names.hasScheme(value.strip())) {
            return null;
        }
        return SitePath.of(front, key, value);
    }

    /** Hugo's {@code aliases} and Jekyll's {@code redirect_from}: where the post was before, each to redirect here. */
    private static List<String> aliases(FrontMatter front) throws PostException {
        List<String> paths = new ArrayList<>();
        for (String key : List.of("aliases", "redirect_from")) {
            for (String alias : list(front, key)) {
                String path = SitePath.of(front, key, alias);
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            }
        }
        if (paths.size() > SitePath.MAX_ALIASES) {
            throw front.error(front.keyOf("aliases", "redirect_from"), "has " + paths.size()
                    + " old paths, over the limit of " + SitePath.MAX_ALIASES);
        }
        return paths;
    }

    private Instant nameDate(String source, String day) throws PostException {
        Instant date;
        try {
            date = LocalDate.parse(day).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new PostException(source, 0, "the date in the file name, " + day
                    + ", is not a day of the calendar; fix the name or give a 'date'");
        }
        if (!Dates.inRange(date)) {
            throw new PostException(source, 0, "the date in the file name, " + day + ", is " + Dates.RANGE
                    + "; fix the name or give a 'date'");
        }
        return date;
    }

    /**
     * The writer's {@code slug}, else {@code fromName}: one path segment that every file system takes, in Unicode's
     * composed form (NFC), since {@code café} typed either way is one URL and must be one permalink.
     */
    private static String slug(FrontMatter front, String fromName) throws PostException {
        String slug = text(front, "slug");
        if (slug == null || slug.isBlank()) {
            String name = Names.composed(fromName.strip());
            String problem = Names.problem(name, Names.MAX_SLUG_BYTES);
            if (problem != null) {
                throw new PostException(front.source(), 0, "the file name makes no permalink: it " + problem
                        + "; give the post a 'slug'");
            }
            return name;
        }
        slug = Names.composed(slug.strip());
        if (slug.contains("/") || slug.contains("\\") || slug.startsWith(".")) {
            throw front.error("slug", "'slug' must be one path segment, without '/' or '\\' and not starting with"
                    + " '.': \"" + Names.shown(slug) + "\"");
        }
        String problem = Names.problem(slug, Names.MAX_SLUG_BYTES);
        if (problem != null) {
            throw front.error("slug", "'slug' " + problem + ": \"" + Names.shown(slug) + "\"");
        }
        return slug;
    }

    /** Jekyll keeps drafts in a {@code _drafts} folder. */
    private static boolean inDrafts(String source) {
        return ("/" + source).contains("/_drafts/");
    }

    private String decode(String source, byte[] content) throws PostException {
        if (content.length > maxBytes) {
            throw new PostException(source, 0, String.format(Locale.ROOT,
                    "the file is %,d bytes, over the %,d byte limit for a post", content.length, maxBytes));
        }
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                throw new PostException(source, lineAt(content, i), "binary file (it has NUL bytes), not a Markdown post");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        try {
            String text = decoder.decode(bytes).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new PostException(source, lineAt(content, bytes.position()), "not UTF-8 text; save the file as UTF-8");
        }
    }

    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < content.length; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String baseName(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String text(FrontMatter front, String... keys) throws PostException {
        Object value = front.get(keys);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            String key = front.keyOf(keys);
            throw front.error(key, "front matter '" + key + "' must be text, not a list or a table");
        }
        return scalar(front, front.keyOf(keys), value);
    }

    /**
     * A single value as text: text, a number, true or false, or a TOML date as written. Anything else (YAML's
     * {@code !!binary} bytes, or a type the YAML library makes up) would show as {@code [B@37ceb1df}: refused.
     */
    private static String scalar(FrontMatter front, String key, Object value) throws PostException {
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof TemporalAccessor) {
            return value.toString();
        }
        throw front.error(key, "front matter '" + key + "' must be text, not " + (value instanceof byte[]
                ? "binary data (!!binary)" : "a value of another type"));
    }

    private Instant date(FrontMatter front, String... keys) throws PostException {
        Object value = front.get(keys);
        if (value == null) {
            return null;
        }
        String key = front.keyOf(keys);
        scalar(front, key, value);
        Instant date;
        try {
            date = Dates.parse(value, zone);
        } catch (DateTimeException e) {
            throw front.error(key, "front matter '" + key + "' is not a date: \"" + value
                    + "\" (write YYYY-MM-DD, ISO-8601 such as 2024-05-01T09:30:00+02:00, or RFC 822)");
        }
        if (!Dates.inRange(date)) {
            throw front.error(key, "front matter '" + key + "' is " + Dates.RANGE + ": \"" + value + "\"");
        }
        return date;
    }

    /** Every value of every key, from lists or comma-separated text, in order and without repeats. */
    private static List<String> list(FrontMatter front, String... keys) throws PostException {
        Set<String> values = new LinkedHashSet<>();
        for (String key : keys) {
            Object value = front.get(key);
            if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
                        throw front.error(key, "front matter '" + key + "' must be a list of text values");
                    }
                    add(values, scalar(front, key, item));
                }
            } else if (value instanceof Map<?, ?>) {
                throw front.error(key, "front matter '" + key + "' must be a list or comma-separated text");
            } else if (value != null) {
                for (String item : scalar(front, key, value).split(",")) {
                    add(values, item);
                }
            }
        }
        return new ArrayList<>(values);
    }

    private static void add(Set<String> values, String value) {
        if (!value.isBlank()) {
            values.add(value.strip());
        }
    }

    private static boolean flag(FrontMatter front, String key, boolean absent) throws PostException {
        Object value = front.get(key);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        return switch (scalar(front, key, value).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw front.error(key, "front matter '" + key + "' must be true or false, not \"" + value + "\"");
        };
    }

    /** {@code image: x.png}, {@code cover: x.png}, Astro's {@code heroImage}, or Hugo's {@code cover: {image: x.png}}. */
    private static String image(FrontMatter front) throws PostException {
        Object value = front.get("image", "cover", "heroImage");
        if (value instanceof Map<?, ?> table) {
            value = table.get("image");
        }
        String key = front.keyOf("image", "cover", "heroImage");
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            throw front.error(key, "front matter '" + key + "' must be one path or URL");
        }
        if (value == null || scalar(front, key, value).isBlank()) {
            return null;
        }
        String image = value.toString().strip();
        String problem = Names.urlProblem(image);
        if (problem != null) {
            throw front.error(key, "front matter '" + key + "' " + problem + ": \"" + Names.shown(image) + "\"");
        }
        return image;
    }
}
