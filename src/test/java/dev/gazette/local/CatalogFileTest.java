package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.Catalog;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Store;
import dev.gazette.publish.StoreContract;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest extends StoreContract {
    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("state/catalog.json");
    }

    private Path log() {
        return folder.resolve("state/catalog.log");
    }

    @Override
    protected Store store() throws IOException {
        return CatalogFile.open(file());
    }

    @Override
    protected Store reopen() throws IOException {
        return CatalogFile.open(file());
    }

    @Test
    void tellsTheFirstRunFromTheNext() throws IOException {
        Catalog catalog = Catalog.open(store());
        assertTrue(catalog.settings().isEmpty());
        catalog.putSettings("1|https://example.com/");
        assertFalse(Catalog.open(reopen()).settings().isEmpty());
    }

    @Test
    void keepsEachPostsHtmlInAFileOfItsOwnAndForgetsIt() throws IOException {
        Catalog catalog = Catalog.open(store());
        RenderedPost post = post("a", "2024-05-01T00:00:00Z");
        catalog.put(new Entry("a.md", "h", Entry.Kind.PUBLISHED, post.date(), post));
        Catalog next = Catalog.open(reopen());
        assertFalse(Files.readString(file()).contains("Ünïcode"), "the HTML is not in catalog.json");
        assertEquals(1, htmlFiles());

        assertEquals(post.html(), next.newest(1).get(0).html());
        next.remove("a.md");
        assertEquals(0, htmlFiles());
    }

    @Test
    void everyWriteIsKeptWhenItReturns() throws IOException {
        Catalog catalog = Catalog.open(store());
        catalog.put(new Entry("img.png", "h", Entry.Kind.FILE, null, null));
        assertFalse(Files.exists(file()), "nothing folded yet");

        // The process dies here: no save, no close.
        assertEquals(List.of("img.png"), reopen().load().entries().stream().map(Entry::source).toList());
    }

    @Test
    void foldsTheLogIntoTheFileOnlyOnceItHasGrownPastAQuarterOfIt() throws IOException {
        CatalogFile store = CatalogFile.open(file());
        for (int i = 0; store.load().entries().size() < 2_000; i++) {
            store.save(new Entry("file-" + i + ".png", "h".repeat(64), Entry.Kind.FILE, null, null));
        }
        store.close();
        assertFalse(Files.exists(log()), "a large log is folded");
        String folded = Files.readString(file());
        assertTrue(folded.contains("file-1999.png"));

        // A run that changes one post writes its lines, not the whole catalog again.
        CatalogFile next = CatalogFile.open(file());
        next.save(new Entry("one-more.png", "h", Entry.Kind.FILE, null, null));
        next.close();
        assertEquals(folded, Files.readString(file()));
        assertTrue(Files.readString(log()).contains("one-more.png"));
        assertEquals(2_001, reopen().load().entries().size());

        // Until the log, run after run, passes a quarter of the catalog.
        CatalogFile later = CatalogFile.open(file());
        for (int i = 0; Files.exists(log()); i++) {
            later.save(new Entry("later-" + i + ".png", "h".repeat(64), Entry.Kind.FILE, null, null));
            later.close();
        }
        assertTrue(Files.size(file()) > folded.length());
        assertTrue(Files.readString(file()).contains("one-more.png"));
    }

    @Test
    void aLastLineCutOffByACrashIsLeftOutAndTheRestKept() throws IOException {
        Catalog.open(store()).put(new Entry("img.png", "h", Entry.Kind.FILE, null, null));
        Files.writeString(log(), "{\"type\":\"entry\",\"entry\":{\"sou", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        Store next = reopen();
        assertEquals(List.of("img.png"), next.load().entries().stream().map(Entry::source).toList());
        // The cut-off line is gone before the next write is appended, which would otherwise join it.
        next.save(new Entry("next.png", "h", Entry.Kind.FILE, null, null));
        assertEquals(List.of("img.png", "next.png"), reopen().load().entries().stream().map(Entry::source).toList());
    }

    @Test
    void aLastLineCutOffInsideACharacterIsLeftOutAndTheRestKept() throws IOException {
        Catalog.open(store()).put(new Entry("img.png", "h", Entry.Kind.FILE, null, null));
        // A full disk or a crash can cut a line anywhere, also between the two bytes of an é.
        byte[] line = "{\"type\":\"entry\",\"entry\":{\"source\":\"caf\u00e9.png\"".getBytes(StandardCharsets.UTF_8);
        Files.write(log(), Arrays.copyOf(line, line.length - 6), StandardOpenOption.APPEND);

        Store next = reopen();
        assertEquals(List.of("img.png"), next.load().entries().stream().map(Entry::source).toList());
        next.save(new Entry("next.png", "h", Entry.Kind.FILE, null, null));
        assertEquals(List.of("img.png", "next.png"), reopen().load().entries().stream().map(Entry::source).toList());
    }

    @Test
    void namesADamagedLineOfTheLog() throws IOException {
        Path log = file().resolveSibling("catalog.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "{\"type\":\"entry\",\"entry\":{\"source\":\"a.md\"}}\n{\"type\":\"settings\",\"value\":\"x\"}\n");
        IOException e = assertThrows(IOException.class, this::reopen);
        assertTrue(e.getMessage().startsWith(log + ":1: damaged (the entry of a.md lacks its hash or kind)"),
                e.getMessage());
    }

    @Test
    void namesADamagedFile() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 1, \"entries\": [{\"source\": ");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.open(file));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }

    @Test
    void namesTheFieldAndSaysWhatToDoWhenARecordIsDamaged() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 2, \"entries\": [{\"source\": \"a.md\", \"hash\": \"h\","
                + " \"kind\": \"SCHEDULED\", \"date\": \"not-a-date\"}], \"mailings\": [], \"digests\": []}");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.open(file));
        assertTrue(e.getMessage().startsWith(file + " is damaged ('not-a-date' at $.entries[0].date is not a time"),
                e.getMessage());
        assertTrue(e.getMessage().contains("restore it from a backup"), e.getMessage());

        Files.writeString(file, "{\"version\": 2, \"entries\": [{\"source\": \"a.md\", \"hash\": \"h\","
                + " \"kind\": \"PUBLISHED\", \"date\": \"2024-05-01T00:00:00Z\"}], \"mailings\": [], \"digests\": []}");
        e = assertThrows(IOException.class, () -> CatalogFile.open(file));
        assertTrue(e.getMessage().startsWith(file + " is damaged (a.md: a published entry carries its post"),
                e.getMessage());
        assertFalse(e.getMessage().contains("constructor"), e.getMessage());
    }

    @Test
    void readsEveryTimeAsInstantWritesIt() throws IOException {
        List<String> times = List.of("2024-05-01T09:00:00Z", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-05-01T09:00:00.500Z",
                "2024-05-01T09:00:00.123456789Z", "+10000-01-01T00:00:00Z");
        for (String time : times) {
            Path file = folder.resolve("times/catalog.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, scheduled(time));
            assertEquals(Instant.parse(time), CatalogFile.open(file).load().entries().get(0).date(), time);
        }
    }

    @Test
    void namesATimeThatIsNoDayOfTheCalendar() throws IOException {
        for (String time : List.of("2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01T09:00:60Z", "2024-05-01T09:00:0xZ", "2024-05-01 09:00:00Z", "2024-+5-01T09:00:00Z")) {
            Path file = folder.resolve("catalog.json");
            Files.writeString(file, scheduled(time));
            IOException e = assertThrows(IOException.class, () -> CatalogFile.open(file), time);
            assertTrue(e.getMessage().contains("'" + time + "' at $.entries[0].date is not a time"), e.getMessage());
        }
    }

    private static String scheduled(String time) {
        return "{\"version\": 2, \"entries\": [{\"source\": \"a.md\", \"hash\": \"h\", \"kind\": \"SCHEDULED\","
                + " \"date\": \"" + time + "\"}], \"mailings\": [], \"digests\": []}";
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 99, \"entries\": [], \"mailings\": [], \"digests\": []}");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.open(file));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    }

    private long htmlFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("state/html"))) {
            return files.count();
        }
    }
}
