package dev.gazette.post;

import java.time.Instant;
import java.util.List;

/**
 * A Markdown post as its writer wrote it: front matter fields and the Markdown body.
 *
 * @param source  path of the post file relative to the posts folder, with {@code /} separators
 * @param updated when the writer says the post last changed, or null
 * @param summary the writer's own summary, or null
 * @param image   the cover image as written (relative or absolute), or null
 * @param email   false when the post must never be emailed
 * @param body    the Markdown after the front matter
 * @param bodyLine the file line the body starts on, for messages about it
 * @param permalink the writer's own path below the site root ({@code about/}, {@code 2019/launch.html}), or null
 *                  for the site's pattern
 * @param aliases   paths below the site root the post was published at before, each to get a redirect page
 * @param imageLine the file line the cover image is given on, for messages about it; 0 when there is none
 */
public record Post(
        String source,
        String title,
        Instant date,
        Instant updated,
        String summary,
        List<String> tags,
        List<String> authors,
        boolean draft,
        String slug,
        String image,
        boolean email,
        String body,
        int bodyLine,
        String permalink,
        List<String> aliases,
        int imageLine) {

    public Post {
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
        aliases = List.copyOf(aliases);
    }

    /** A post at the site's permalink pattern, with no old paths. */
    public Post(String source, String title, Instant date, Instant updated, String summary, List<String> tags,
                List<String> authors, boolean draft, String slug, String image, boolean email, String body,
                int bodyLine) {
        this(source, title, date, updated, summary, tags, authors, draft, slug, image, email, body, bodyLine, null,
                List.of(), 0);
    }

    /** When the post last changed: {@link #updated()} when given, else its date. */
    public Instant lastChanged() {
        return updated != null && updated.isAfter(date) ? updated : date;
    }
}
