package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path folder;

    @Test
    void madeOnceThenKept() throws IOException {
        Path file = folder.resolve("state/secret");

        byte[] made = SecretFile.loadOrCreate(file);

        assertEquals(32, made.length);
        assertArrayEquals(made, SecretFile.loadOrCreate(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aDamagedSecretIsNamedNotReplaced() throws IOException {
        Path file = folder.resolve("secret");
        Files.writeString(file, "not base64 at all!");

        IOException error = assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file));

        assertTrue(error.getMessage().startsWith(file + " is damaged"), error.getMessage());
        assertEquals("not base64 at all!", Files.readString(file));
    }
}
