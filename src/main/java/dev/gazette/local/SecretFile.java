package dev.gazette.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        if (Files.exists(file)) {
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup:"
                        + " without it, the links in emails already sent stop working");
            }
            if (secret.length < 16) {
                throw new IOException(file + " holds a secret of " + secret.length + " bytes; it needs at least 16");
            }
            return secret;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // Files.createTempFile makes the file readable by its owner only, before the secret is in it.
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".secret", ".tmp");
        try {
            Files.write(temporary, (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return secret;
    }
}
