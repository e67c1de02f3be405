package dev.gazette.publish;

import dev.gazette.post.PostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one publishing run did.
 *
 * @param created   sources of posts published for the first time
 * @param updated   sources of published posts rendered anew
 * @param removed   sources of posts taken off the site: deleted, made drafts or dated into the future
 * @param errors    posts that could not be published; a post published before stays as it was
 * @param notMailed posts published now that will never be emailed, and why
 * @param warnings  what a writer should look at in posts that were published all the same, such as a link to a
 *                  draft
 * @param drafts    how many posts are drafts
 * @param scheduled posts waiting for their date, soonest first
 * @param written   how many site files were written or deleted; none when nothing changed
 */
public record Report(List<String> created, List<String> updated, List<String> removed, List<PostException> errors,
                     List<NotMailed> notMailed, List<Warning> warnings, int drafts, List<Entry> scheduled,
                     int written) {

    public Report {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        removed = List.copyOf(removed);
        errors = List.copyOf(errors);
        notMailed = List.copyOf(notMailed);
        warnings = List.copyOf(warnings);
        scheduled = List.copyOf(scheduled);
    }

    /** This report and a later one of the same keys, as one: the later one's waiting posts are as things are now. */
    public Report and(Report later) {
        return new Report(concat(created, later.created), concat(updated, later.updated),
                concat(removed, later.removed), concat(errors, later.errors), concat(notMailed, later.notMailed),
                concat(warnings, later.warnings), later.drafts, later.scheduled, written + later.written);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Something to look at in a post that was published all the same. */
    public record Warning(String source, int line, String message) {
        /** A warning about a file as a whole. */
        public Warning(String source, String message) {
            this(source, 0, message);
        }

        /** Where the warning is: {@code 2024/a.md:7}, or the file alone when the line is not known. */
        public String where() {
            return source + (line > 0 ? ":" + line : "");
        }

        /** The warning as the commands print it: {@code posts/2024/a.md:7: warning: …}. */
        public String in(Path posts) {
            return posts.resolve(source) + (line > 0 ? ":" + line : "") + ": warning: " + message;
        }
    }

    /** A post published now that will never be emailed, and why. */
    public record NotMailed(String source, String reason) {
    }
}
