package dev.gazette.digest;

import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Post HTML made fit for mail clients: Gmail and Outlook drop {@code <style>} blocks, so every element the
 * renderer makes gets its look from an inline {@code style}. A style the writer set wins over ours.
 *
 * <p>Nothing a post holds may make the email wider than the reader's screen: a long code line wraps anywhere (its
 * box is a table cell, since Outlook for Windows pads only cells and ignores {@code white-space}), a wide table
 * scrolls in a box of its own, and the card is laid out at its own width ({@code table-layout:fixed}), not at the
 * width of its widest word. A post's headings are demoted one level, below the digest's own titles.
 */
final class EmailHtml {
    private static final String MONOSPACE = "font-family:Menlo,Consolas,'Courier New',monospace;";
    /** Breaks a word anywhere when nothing else fits: {@code anywhere} also narrows the box's least width. */
    static final String WRAP = "overflow-wrap:anywhere;word-break:break-word;";
    private static final Map<String, String> STYLES = Map.ofEntries(
            Map.entry("p", "margin:0 0 16px;"),
            Map.entry("h2", "margin:24px 0 8px;line-height:1.3;color:#111;font-size:20px;"),
            Map.entry("h3", "margin:24px 0 8px;line-height:1.3;color:#111;font-size:18px;"),
            Map.entry("h4, h5, h6", "margin:24px 0 8px;line-height:1.3;color:#111;font-size:16px;"),
            Map.entry("a", "color:#0b57d0;"),
            Map.entry("img", "max-width:100%;height:auto;border:0;"),
            Map.entry("pre", "margin:0;white-space:pre-wrap;" + WRAP + "font-size:13px;line-height:1.45;"
                    + MONOSPACE),
            Map.entry(":not(pre) > code", "padding:1px 4px;background:#f6f8fa;border-radius:3px;font-size:90%;"
                    + WRAP + MONOSPACE),
            Map.entry("blockquote", "margin:0 0 16px;padding:0 12px;border-left:4px solid #ddd;color:#555;"),
            Map.entry("ul, ol", "margin:0 0 16px;padding-left:24px;"),
            Map.entry("table", "border-collapse:collapse;"),
            Map.entry("th, td", "border:1px solid #ddd;padding:6px 10px;" + WRAP),
            Map.entry("hr", "border:0;border-top:1px solid #ddd;margin:24px 0;"));

    private EmailHtml() {
    }

    static String inlineStyles(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        demoteHeadings(document);
        STYLES.forEach((selector, style) -> {
            for (Element element : document.body().select(selector)) {
                element.attr("style", style + alignment(element) + element.attr("style"));
            }
        });
        boxCode(document);
        boxTables(document);
        return document.body().html();
    }

    /** The digest's titles are {@code h1}: a post's {@code h1} becomes {@code h2}, and so on down to {@code h6}. */
    private static void demoteHeadings(Document document) {
        for (Element heading : document.body().select("h1, h2, h3, h4, h5")) {
            heading.tagName("h" + (heading.normalName().charAt(1) - '0' + 1));
        }
    }

    /** A table cell's own {@code align}, which an inline {@code text-align} would otherwise override. */
    private static String alignment(Element element) {
        if (!element.normalName().equals("td") && !element.normalName().equals("th")) {
            return "";
        }
        String align = element.attr("align").strip();
        return "text-align:" + (align.matches("(?i)left|right|center|justify") ? align.toLowerCase(Locale.ROOT) : "left") + ";";
    }

    /** Each code block in a one-cell table: its background and padding show in Outlook for Windows too. */
    private static void boxCode(Document document) {
        for (Element pre : document.body().select("pre")) {
            pre.wrap("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\""
                    + " style=\"width:100%;table-layout:fixed;border-collapse:collapse;margin:0 0 16px;\"><tr>"
                    + "<td style=\"padding:12px;background:#f6f8fa;\"></td></tr></table>");
        }
    }

    /** Each table of the post in a box that scrolls sideways, so a wide one never widens the email. */
    private static void boxTables(Document document) {
        for (Element table : document.body().select("table:not([role=presentation])")) {
            if (table.parents().stream().noneMatch(parent -> parent.normalName().equals("table"))) {
                table.wrap("<div style=\"max-width:100%;overflow-x:auto;margin:0 0 16px;\"></div>");
            }
        }
    }
}
