package dev.gazette.feed;

import com.google.gson.stream.JsonWriter;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** JSON Feed 1.1 ({@code application/feed+json}); item ids are the permalinks, as the RSS guids are. */
final class JsonFeedFormat implements FeedFormat {
    @Override
    public String fileName() {
        return "feed.json";
    }

    @Override
    public String mediaType() {
        return "application/feed+json";
    }

    @Override
    public String write(Feed feed) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setIndent("  ");
            json.beginObject();
            json.name("version").value("https://jsonfeed.org/version/1.1");
            json.name("title").value(feed.title());
            json.name("home_page_url").value(feed.link());
            json.name("feed_url").value(feed.directory() + fileName());
            json.name("description").value(feed.description());
            json.name("language").value(feed.language());
            authors(json, List.of(feed.defaultAuthor()));
            if (!feed.hub().isEmpty()) {
                json.name("hubs").beginArray().beginObject().name("type").value("WebSub")
                        .name("url").value(feed.hub()).endObject().endArray();
            }
            json.name("items").beginArray();
            for (RenderedPost post : feed.items()) {
                item(json, post);
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void item(JsonWriter json, RenderedPost post) throws IOException {
        json.beginObject();
        json.name("id").value(post.url());
        json.name("url").value(post.url());
        json.name("title").value(post.title());
        json.name("content_html").value(post.html());
        json.name("summary").value(post.summary());
        if (post.image() != null) {
            json.name("image").value(post.image());
        }
        json.name("date_published").value(timestamp(post.date()));
        json.name("date_modified").value(timestamp(post.updated()));
        if (!post.tags().isEmpty()) {
            json.name("tags").beginArray();
            for (String tag : post.tags()) {
                json.value(tag);
            }
            json.endArray();
        }
        if (!post.authors().isEmpty()) {
            authors(json, post.authors());
        }
        json.endObject();
    }

    private static void authors(JsonWriter json, List<String> names) throws IOException {
        json.name("authors").beginArray();
        for (String name : names) {
            json.beginObject().name("name").value(name).endObject();
        }
        json.endArray();
    }

    /** RFC 3339, as JSON Feed asks. */
    private static String timestamp(Instant instant) {
        return instant.toString();
    }
}
