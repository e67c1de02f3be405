package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.Catalog;
import dev.gazette.publish.CatalogContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest extends CatalogContract {
    @TempDir
    Path folder;

    @Override
    protected Catalog catalog() throws IOException {
        return CatalogFile.load(folder.resolve("state/catalog.json"));
    }

    @Override
    protected Catalog reopen(Catalog catalog) throws IOException {
        ((CatalogFile) catalog).save();
        return CatalogFile.load(folder.resolve("state/catalog.json"));
    }

    @Test
    void tellsTheFirstRunFromTheNext() throws IOException {
        CatalogFile catalog = CatalogFile.load(folder.resolve("catalog.json"));
        assertFalse(catalog.existed());
        catalog.save();
        assertTrue(CatalogFile.load(folder.resolve("catalog.json")).existed());
    }

    @Test
    void keepsEachPostsHtmlInAFileOfItsOwnAndForgetsIt() throws IOException {
        Path catalogFile = folder.resolve("state/catalog.json");
        CatalogFile catalog = CatalogFile.load(catalogFile);
        dev.gazette.render.RenderedPost post = post("a", "2024-05-01T00:00:00Z");
        catalog.put(new dev.gazette.publish.Entry("a.md", "h", dev.gazette.publish.Entry.Kind.PUBLISHED, post.date(), post));
        catalog.save();
        assertFalse(Files.readString(catalogFile).contains("Ünïcode"), "the HTML is not in catalog.json");
        try (var files = Files.list(folder.resolve("state/html"))) {
            assertEquals(1, files.count());
        }

        CatalogFile next = CatalogFile.load(catalogFile);
        assertEquals(post.html(), next.newest(1).get(0).html());
        next.remove("a.md");
        next.save();
        try (var files = Files.list(folder.resolve("state/html"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void namesADamagedFile() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 1, \"entries\": [{\"source\": ");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.load(file));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 99, \"entries\": [], \"mailings\": [], \"digests\": []}");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.load(file));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    }
}
