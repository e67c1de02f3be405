package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.SiteFiles;
import dev.gazette.publish.SiteFilesContract;
import java.io.IOException;
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
}
