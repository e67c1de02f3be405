package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.Change;
import dev.gazette.publish.SiteFiles;
import dev.gazette.publish.SiteFilesContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFolderTest extends SiteFilesContract {
    @TempDir
    Path root;

    @TempDir
    Path state;

    @Override
    protected SiteFiles site() {
        return new SiteFolder(root);
    }

    @Override
    protected byte[] read(SiteFiles site, String path) throws IOException {
        Path file = root.resolve(path);
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    @Test
    void leavesNoTemporaryFilesAndWritesFilesOthersCanRead() throws IOException {
        SiteFolder site = new SiteFolder(root);
        site.write("feed.xml", new byte[] {1});
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(root.resolve("feed.xml")), files.toList());
        }
        assertTrue(Files.getPosixFilePermissions(root.resolve("feed.xml")).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void deletingAPageDeletesTheFoldersItLeavesEmpty() throws IOException {
        SiteFolder site = new SiteFolder(root);
        site.write("posts/a/index.html", new byte[] {1});
        site.write("posts/b/index.html", new byte[] {1});
        site.delete("posts/a/index.html");
        assertFalse(Files.exists(root.resolve("posts/a")));
        assertTrue(Files.exists(root.resolve("posts/b/index.html")));
        site.delete("posts/missing/index.html");
        assertTrue(Files.exists(root));
    }

    @Test
    void refusesPathsOutsideTheSite() {
        SiteFolder site = new SiteFolder(root.resolve("site"));
        assertThrows(IllegalArgumentException.class, () -> site.write("../escape.html", new byte[] {1}));
    }

    @Test
    void aSiteFolderGivenAsALinkIsWrittenThrough() throws IOException {
        Path real = Files.createDirectories(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        SiteFolder site = new SiteFolder(link);

        site.write("posts/a/index.html", new byte[] {1});
        site.delete("posts/a/index.html");

        assertTrue(Files.isSymbolicLink(link));
        try (Stream<Path> files = Files.list(real)) {
            assertEquals(List.of(), files.toList(), "the emptied folders are gone, up to the site's own");
        }
    }

    @Test
    void aCopyCutOffHalfWayLeavesTheFileAsItWas() throws IOException {
        SiteFolder site = new SiteFolder(root);
        site.write("media/talk.mp4", new byte[] {1, 2, 3});
        Change.Content breaking = new Change.Content() {
            @Override
            public byte[] read() {
                throw new UnsupportedOperationException("streamed, never read whole");
            }

            @Override
            public InputStream open() {
                return new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new Change.Unreadable("the file grew past its limit while it was read");
                    }
                });
            }
        };

        assertThrows(Change.Unreadable.class, () -> site.copy("media/talk.mp4", breaking));

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(root.resolve("media/talk.mp4")));
        try (Stream<Path> files = Files.list(root.resolve("media"))) {
            assertEquals(List.of(root.resolve("media/talk.mp4")), files.toList(), "no temporary file is left");
        }
    }
    @Test
    void temporaryFilesLeftByARunStoppedShortAreRemovedAndNoOthers() throws IOException {
        Path folder = Files.createDirectories(root.resolve("posts/hello"));
        List<Path> leftovers = List.of(folder.resolve(".gazette-0f8fad5b-d9cb-469f-a165-70867728950e.tmp"),
                root.resolve(".feed.xml.7c9e6679-7425-40de-944b-e07fc1f90ae7.tmp"));
        List<Path> others = List.of(folder.resolve(".gazette-notes.tmp"), folder.resolve("draft.tmp"),
                folder.resolve("index.html"));
        for (Path file : leftovers) {
            Files.writeString(file, "half");
        }
        for (Path file : others) {
            Files.writeString(file, "kept");
        }

        Path unfinished = state.resolve("unfinished");
        new SiteFolder(root).removeLeftovers(unfinished);
        for (Path file : leftovers) {
            assertTrue(Files.exists(file), "the last run finished: nothing is looked for");
        }
        assertTrue(Files.exists(unfinished), "until this one does");

        new SiteFolder(root).removeLeftovers(unfinished);

        for (Path file : leftovers) {
            assertFalse(Files.exists(file), file.toString());
        }
        for (Path file : others) {
            assertTrue(Files.exists(file), file.toString());
        }
    }
}
