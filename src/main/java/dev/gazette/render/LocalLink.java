package dev.gazette.render;

/**
 * A relative link or image of a post, as written, and the file of the posts folder it points to, so the publisher
 * can tell the writer when no such file is there.
 *
 * @param written what the post says, such as {@code images/cat.png}
 * @param target  the file's path in the posts folder, or null when the link climbs out of the posts folder
 * @param cover   true for the post's cover image, false for a link or image in its text
 */
public record LocalLink(String written, String target, boolean cover) {
}
