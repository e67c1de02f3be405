package dev.gazette.render;

import dev.gazette.post.PostException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * CommonMark with GitHub's extensions, footnotes and heading ids. Immutable and thread-safe:
 * build one and render every post with it. Raw HTML passes through (the author owns the content), its URLs checked
 * by {@link LinkResolver}.
 */
final class MarkdownRenderer {
    /**
     * How deep lists, block quotes, emphasis and links may sit inside each other. Rendering recurses once per level; commonmark-java itself stops nesting at 100 open blocks or
     * inline levels and shows the rest as text, so anything it cut short is over this limit and refused.
     */
    static final int MAX_NESTING = 32;

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.create(),
            AutolinkExtension.create(),
            TaskListItemsExtension.create(),
            FootnotesExtension.create(),
            HeadingAnchorExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    /**
     * The same, keeping where each block was in the source: for the line of an error only, since source spans about
     * double the memory a post's tree takes (a 1 MiB post of short list items: 70 MB instead of 35).
     */
    private final Parser locatingParser = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /**
     * The HTML of {@code markdown}, with the destination of every link and image passed through {@code resolve}
     * (or, when {@link UrlRule} refuses it, the link or image replaced by its text), and the plain text of its
     * opening paragraphs for a summary.
     *
     * @param source   the post's file, for messages
     * @param bodyLine the file line {@code markdown} starts on
     * @throws PostException when it is nested deeper than {@link #MAX_NESTING}
     */
    Rendered render(String markdown, UnaryOperator<String> resolve, String source, int bodyLine) throws PostException {
        Node document = parser.parse(markdown);
        if (tooDeep(document) != null) {
            document = null; // the first tree may go before the second is built
            Node located = tooDeep(locatingParser.parse(markdown));
            throw new PostException(source, bodyLine + lineIndex(located), "lists, block quotes, emphasis or links"
                    + " nested more than " + MAX_NESTING + " levels deep; flatten them");
        }
        boolean[] rawHtml = {false};
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                visitChildren(link);
                if (UrlRule.allows(link.getDestination(), false)) {
                    link.setDestination(resolve.apply(link.getDestination()));
                } else {
                    unwrap(link);
                }
            }

            @Override
            public void visit(Image image) {
                visitChildren(image);
                if (UrlRule.allows(image.getDestination(), true)) {
                    image.setDestination(resolve.apply(image.getDestination()));
                } else {
                    unwrap(image);
                }
            }

            @Override
            public void visit(HtmlBlock html) {
                rawHtml[0] = true;
            }

            @Override
            public void visit(HtmlInline html) {
                rawHtml[0] = true;
            }
        });
        return new Rendered(renderer.render(document), openingText(document, Excerpt.LENGTH), rawHtml[0]);
    }

    /** A link or image whose URL {@link UrlRule} refuses, replaced by its text: the words stay, the URL goes. */
    private static void unwrap(Node node) {
        for (Node child = node.getFirstChild(); child != null; ) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    /**
     * @param openingText the first paragraphs as plain text, at least {@code length} characters of them when there are
     * @param rawHtml     whether the writer's own HTML is in it, whose URLs the Markdown tree does not hold
     */
    record Rendered(String html, String openingText, boolean rawHtml) {
    }

    /**
     * The first node nested deeper than {@link #MAX_NESTING}, or null. It walks the tree without recursion, since
     * the tree may be deeper than the stack.
     */
    private static Node tooDeep(Node document) {
        Node node = document.getFirstChild();
        int depth = node == null ? 0 : level(node);
        while (node != null) {
            if (depth > MAX_NESTING) {
                return node;
            }
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                depth += level(node);
                continue;
            }
            while (node != document && node.getNext() == null) {
                depth -= level(node);
                node = node.getParent();
            }
            if (node == document) {
                return null;
            }
            depth -= level(node);
            node = node.getNext();
            depth += level(node);
        }
        return null;
    }

    /** A list and its items are one level, as are a paragraph and its text; only what holds others counts. */
    private static int level(Node node) {
        return node instanceof ListItem || node instanceof Paragraph || node.getFirstChild() == null ? 0 : 1;
    }

    /** The line of the body a node is on: that of its nearest block, which knows where it was in the source. */
    private static int lineIndex(Node node) {
        for (Node block = node; block != null; block = block.getParent()) {
            List<SourceSpan> spans = block.getSourceSpans();
            if (!spans.isEmpty()) {
                return spans.get(0).getLineIndex();
            }
        }
        return 0;
    }

    /** The text of the post's first run of paragraphs, skipping headings or images before it. */
    private static String openingText(Node document, int length) {
        StringBuilder text = new StringBuilder();
        for (Node block = document.getFirstChild(); block != null && text.length() < length; block = block.getNext()) {
            if (!(block instanceof Paragraph)) {
                if (text.isEmpty()) {
                    continue;
                }
                break;
            }
            String paragraph = plainText(block);
            if (!paragraph.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(paragraph);
            }
        }
        return text.toString();
    }

    private static String plainText(Node paragraph) {
        StringBuilder text = new StringBuilder();
        paragraph.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak node) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }
}
