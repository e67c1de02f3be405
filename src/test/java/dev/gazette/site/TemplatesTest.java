package dev.gazette.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    @TempDir
    Path folder;

    @Test
    void theWritersTemplateWinsAndTheRestAreBundled() throws IOException {
        Files.writeString(folder.resolve("post.html.mustache"), "<h1>{{post.title}}</h1>");
        Templates templates = Templates.from(folder);
        assertEquals("<h1>A &amp; B</h1>", templates.render("post.html", Map.of("post", Map.of("title", "A & B"))));
        assertTrue(templates.render("index.html", Map.of()).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void textTemplatesAreNotHtmlEscaped() throws IOException {
        Files.writeString(folder.resolve("digest.txt.mustache"), "{{title}}");
        assertEquals("A & B", Templates.from(folder).render("digest.txt", Map.of("title", "A & B")));
    }

    @Test
    void namesATemplateThatDoesNotCompile() throws IOException {
        Files.writeString(folder.resolve("post.html.mustache"), "{{#post}}unclosed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Templates.from(folder).render("post.html", Map.of()));
        assertTrue(e.getMessage().startsWith("template post.html.mustache does not compile"), e.getMessage());
    }

    @Test
    void theWritersSubscribeFormReplacesTheOneInTheBundledPages() throws IOException {
        Files.writeString(folder.resolve("subscribe.html.mustache"), "<form action=\"{{site.subscribe}}\"></form>");
        String page = Templates.from(folder).render("post.html",
                Map.of("site", Map.of("subscribe", "https://example.com/subscribe"), "post", Map.of("title", "A")));
        assertTrue(page.contains("<form action=\"https://example.com/subscribe\"></form>"), page);
        assertFalse(page.contains("subscribe-email"), page);
    }

    @Test
    void namesAPartialThatDoesNotExist() throws IOException {
        Files.writeString(folder.resolve("index.html.mustache"), "{{> sidebar.html}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Templates.from(folder).render("index.html", Map.of()));
        assertEquals("template index.html.mustache includes sidebar.html: no template named sidebar.html.mustache",
                e.getMessage());
    }

    @Test
    void aTemplateThatIncludesItselfIsRefusedNotRunWithoutEnd() throws IOException {
        Files.writeString(folder.resolve("index.html.mustache"), "<p>{{> subscribe.html}}</p>");
        Files.writeString(folder.resolve("subscribe.html.mustache"), "again {{> index.html}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Templates.from(folder).render("index.html", Map.of()));
        assertTrue(e.getMessage().startsWith("template index.html.mustache includes more than 100 partials"),
                e.getMessage());
    }

    /** Partials are loaded once, not once a page: a site of many pages never meets the limit. */
    @Test
    void aBundledPageRendersAgainAndAgainWithItsPartial() {
        Templates templates = Templates.bundled();
        Map<String, Object> context = Map.of("site", Map.of("subscribe", "https://example.com/subscribe"),
                "post", Map.of("title", "A"));
        for (int page = 0; page < Templates.MAX_PARTIALS * 2; page++) {
            assertTrue(templates.render("post.html", context).contains("action=\"https://example.com/subscribe\""));
        }
    }

    @Test
    void refusesAMissingFolder() {
        assertThrows(IllegalArgumentException.class, () -> Templates.from(folder.resolve("missing")));
    }
}
