package dev.gazette.digest;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Post HTML made fit for mail clients: Gmail and Outlook drop {@code <style>} blocks, so every element the
 * renderer makes gets its look from an inline {@code style}. A style the writer set wins over ours.
 */
final class EmailHtml {
    private static final String MONOSPACE = "font-family:Menlo,Consolas,'Courier New',monospace;";
    private static final Map<String, String> STYLES = Map.ofEntries(
            Map.entry("p", "margin:0 0 16px;"),
            Map.entry("h1, h2, h3, h4, h5, h6", "margin:24px 0 8px;line-height:1.3;color:#111;"),
            Map.entry("a", "color:#0b57d0;"),
            Map.entry("img", "max-width:100%;height:auto;border:0;"),
            Map.entry("pre", "margin:0 0 16px;padding:12px;background:#f6f8fa;border-radius:4px;"
                    + "white-space:pre-wrap;word-wrap:break-word;font-size:13px;line-height:1.45;" + MONOSPACE),
            Map.entry(":not(pre) > code", "padding:1px 4px;background:#f6f8fa;border-radius:3px;font-size:90%;" + MONOSPACE),
            Map.entry("blockquote", "margin:0 0 16px;padding:0 12px;border-left:4px solid #ddd;color:#555;"),
            Map.entry("ul, ol", "margin:0 0 16px;padding-left:24px;"),
            Map.entry("table", "border-collapse:collapse;margin:0 0 16px;"),
            Map.entry("th, td", "border:1px solid #ddd;padding:6px 10px;text-align:left;"),
            Map.entry("hr", "border:0;border-top:1px solid #ddd;margin:24px 0;"));

    private EmailHtml() {
    }

    static String inlineStyles(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        STYLES.forEach((selector, style) -> {
            for (Element element : document.body().select(selector)) {
                element.attr("style", style + element.attr("style"));
            }
        });
        return document.body().html();
    }
}
