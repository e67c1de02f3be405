package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's file errors, as the user is told them. */
class FileErrorsTest {
    @TempDir
    Path folder;

    @Test
    void aFullDiskNamesTheFileTheJdkLeftOut() {
        Path feed = folder.resolve("site/feed.xml");

        String message = FileErrors.describe(FileErrors.naming(feed, new IOException("No space left on device")));

        assertEquals(feed + ": no space left on the device; free some space and run again (files are written whole,"
                + " so none was left half-written)", message);
    }

    @Test
    void aFolderWhereAFileIsToBeRenamedIsNamedRatherThanTheTemporaryFile() throws IOException {
        Path index = Files.createDirectories(folder.resolve("site/index.html"));
        Path temporary = folder.resolve("site/.index.html.1234.tmp");

        String message = FileErrors.describe(new FileSystemException(temporary.toString(), index.toString(),
                "Is a directory"));

        assertEquals(index + " is a folder, where a file is expected; move it away", message);
    }

    @Test
    void aFileWhereAFolderIsExpectedIsNamedRatherThanThePathBelowIt() throws IOException {
        Path site = Files.writeString(folder.resolve("site"), "not a folder");

        String message = FileErrors.describe(new FileSystemException(site.resolve("images").toString(), null,
                "Not a directory"));
        String same = FileErrors.describe(new NotDirectoryException(site.resolve("posts/a").toString()));

        assertEquals(site + " is a file, where a folder is expected; move it away, or give another folder", message);
        assertEquals(message, same);
    }

    @Test
    void aFileNotAllowedToBeReadSaysWhatToCheck() {
        Path lock = folder.resolve("state/lock");

        assertEquals(lock + ": permission denied; check the file's owner and permissions",
                FileErrors.describe(new AccessDeniedException(lock.toString())));
    }

    @Test
    void aMessageOfGazettesOwnIsLeftAsItIs() {
        assertEquals("another gazette run is using .gazette; wait for it to finish",
                FileErrors.describe(new IOException("another gazette run is using .gazette; wait for it to finish")));
    }
}
