package dev.gazette.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs unsubscribe links when none is given: made once, at random, and kept in the state folder,
 * so the links in every email stay valid from one run to the next.
 */
public final class SecretFile {
    private SecretFile() {
    }

    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup:"
                    + " without it, the links in emails already sent stop working");
        }
        if (secret.length < 16) {
            throw new IOException(file + " holds a secret of " + secret.length + " bytes; it needs at least 16");
        }
        return secret;
    }

    /**
     * Makes a secret, unless another process makes one first: then that one stands, and both read it. Written
     * whole to a file readable by its owner only (as {@link Files#createTempFile} makes it), then linked into
     * place, which fails rather than replace a file there.
     */
    private static void create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".secret", ".tmp");
        try {
            Files.write(temporary, (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // A file system without links (FAT, some network shares): a move, which also fails rather than
                // replace.
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException e) {
            // Made by another process meanwhile.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
