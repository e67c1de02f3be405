package dev.gazette.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {
    @Test
    void writesParagraphsListsAndLinks() {
        assertEquals("""
                Title

                A paragraph with a link <https://example.com/a> and https://example.com/b.

                - one
                - two

                1. first
                2. second""", PlainText.of("""
                <h2>Title</h2>
                <p>A paragraph with <a href="https://example.com/a">a link</a> and
                <a href="https://example.com/b">https://example.com/b</a>.</p>
                <ul><li>one</li><li>two</li></ul>
                <ol><li>first</li><li>second</li></ol>"""));
    }

    @Test
    void keepsCodeAsWritten() {
        assertEquals("Code:\n\nfn main() {\n    go();\n}", PlainText.of("<p>Code:</p><pre><code>fn main() {\n    go();\n}\n</code></pre>"));
    }

    @Test
    void namesImagesByTheirAltText() {
        assertEquals("See [A diagram] above.", PlainText.of("<p>See <img src=\"x.png\" alt=\"A diagram\"> above.</p>"));
    }
}
