package dev.gazette.subscriber;

import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.util.List;

/** What a reader is offered of the site: its tags to choose topics from, and its newest posts to welcome them with. */
public interface PostIndex {
    /** The published posts, newest first, at most {@code limit}, without their HTML. */
    List<RenderedPost> newest(int limit) throws IOException;

    /** The tags of the published posts, each once (by {@link Topics key}), in alphabetical order. */
    List<String> tags() throws IOException;
}
