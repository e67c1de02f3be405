package dev.gazette.feed;

import java.util.List;

/** A way of writing a {@link Feed} to a file. */
public interface FeedFormat {
    FeedFormat RSS = new RssFormat();
    FeedFormat ATOM = new AtomFormat();
    FeedFormat JSON = new JsonFeedFormat();
    List<FeedFormat> ALL = List.of(RSS, ATOM, JSON);

    /** The feed's file name in its folder: {@code feed.xml}. */
    String fileName();

    /** The media type to serve the file with, and to name in {@code <link rel="alternate">}. */
    String mediaType();

    String write(Feed feed);
}
