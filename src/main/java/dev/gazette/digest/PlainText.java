package dev.gazette.digest;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The plain-text alternative of a post's HTML: paragraphs, list items, and links written out as {@code text <url>}. */
final class PlainText implements NodeVisitor {
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "pre", "blockquote", "table", "figure", "section", "dl");

    private final StringBuilder out = new StringBuilder();
    private int preDepth;

    private PlainText() {
    }

    static String of(String html) {
        PlainText text = new PlainText();
        NodeTraversor.traverse(text, Jsoup.parseBodyFragment(html).body());
        return text.out.toString()
                .replaceAll("[ \\t]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
            appendText(preDepth > 0 ? text.getWholeText() : text.text());
        } else if (node instanceof Element element) {
            switch (element.normalName()) {
                case "br" -> out.append('\n');
                case "li" -> out.append('\n').append(element.parent() != null
                        && element.parent().normalName().equals("ol") ? (element.elementSiblingIndex() + 1) + ". " : "- ");
                case "tr", "dt", "dd" -> out.append('\n');
                case "hr" -> out.append("\n\n----\n\n");
                case "img" -> {
                    if (!element.attr("alt").isBlank()) {
                        appendText("[" + element.attr("alt").strip() + "]");
                    }
                }
                case "pre" -> {
                    preDepth++;
                    out.append("\n\n");
                }
                default -> {
                    if (BLOCKS.contains(element.normalName())) {
                        out.append("\n\n");
                    }
                }
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node instanceof Element element) {
            String name = element.normalName();
            if (name.equals("a")) {
                String href = element.attr("href");
                if (!href.isBlank() && !href.equals(element.text().strip()) && !href.startsWith("#")) {
                    appendText(" <" + href + ">");
                }
            } else if (name.equals("td") || name.equals("th")) {
                out.append("  ");
            } else if (name.equals("pre")) {
                preDepth--;
                out.append("\n\n");
            } else if (BLOCKS.contains(name)) {
                out.append("\n\n");
            }
        }
    }

    private void appendText(String text) {
        boolean lineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n'
                || out.charAt(out.length() - 1) == ' ';
        out.append(lineStart && preDepth == 0 ? text.stripLeading() : text);
    }
}
