package dev.gazette.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.web.Request;
import dev.gazette.web.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewPagesTest {
    @Test
    void everySubscriptionEndpointTellsThatThePreviewTakesNone() {
        PreviewPages pages = new PreviewPages(new Reloads(), () -> null);
        for (String path : new String[] {"/subscribe", "/confirm", "/unsubscribe/", "/preferences"}) {
            Response answer = pages.answer(new Request("GET", path, "token=x", Map.of(), new byte[0])).orElseThrow();
            assertEquals(404, answer.status(), path);
            assertTrue(answer.text().contains("The preview takes no subscriptions"), path + ": " + answer.text());
        }
    }

    @Test
    void theSnippetGoesBeforeTheLastBodyEndTag() {
        assertEquals("<p>a</p><!-- </body> in a comment --><script></script></BODY></html>",
                injected("<p>a</p><!-- </body> in a comment --></BODY></html>", "<script></script>"));
    }

    @Test
    void aPageWithoutABodyEndTagGetsItAtTheEnd() {
        assertEquals("<p>a<script></script>", injected("<p>a", "<script></script>"));
    }

    @Test
    void theRestOfThePageKeepsItsBytes() {
        byte[] latin1 = "<p>caf\u00e9</p></body>".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = PreviewPages.inject(latin1, "<i></i>");
        assertEquals("<p>caf\u00e9</p><i></i></body>", new String(out, StandardCharsets.ISO_8859_1));
    }

    private static String injected(String html, String snippet) {
        return new String(PreviewPages.inject(html.getBytes(StandardCharsets.UTF_8), snippet), StandardCharsets.UTF_8);
    }
}
