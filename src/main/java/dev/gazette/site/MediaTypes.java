package dev.gazette.site;

import java.util.Locale;
import java.util.Map;

/** The media type a site file is served with, by its extension. */
public final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            // Not application/rss+xml: browsers then download the feed instead of showing it with its stylesheet.
            Map.entry("xml", "application/xml; charset=utf-8"),
            Map.entry("xsl", "text/xsl; charset=utf-8"),
            Map.entry("json", "application/feed+json; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("woff2", "font/woff2"));

    private MediaTypes() {
    }

    /** @param path a file's path or name, such as {@code posts/launch/index.html} */
    public static String of(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
