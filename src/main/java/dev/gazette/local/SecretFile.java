package dev.gazette.local;

import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The secret that signs unsubscribe links when none is given: made once, at random, and kept in the state folder,
 * so the links in every email stay valid from one run to the next. Once mail has gone out, a lost secret is not
 * made again without being asked: every link already sent would stop working.
 */
public final class SecretFile {
    private static final int MIN_BYTES = 16;

    private SecretFile() {
    }

    /**
     * @param makeNew make a new secret in place of a lost or damaged one, even though the state folder shows mail was
     *     sent with it
     */
    public static byte[] loadOrCreate(Path file, boolean makeNew) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, where Gazette keeps the secret that signs subscription"
                    + " links: move it out of the state folder");
        }
        if (!Files.exists(file)) {
            List<String> sent = mailSent(file.toAbsolutePath().getParent());
            if (!sent.isEmpty() && !makeNew) {
                throw new IOException(file + " is missing, but this state folder shows that mail went out with links"
                        + " it signed (" + String.join(", ", sent) + "): a new secret would break every unsubscribe"
                        + " and confirmation link already sent. Restore the file from a backup, or give the secret"
                        + " used before with --unsubscribe-secret; to make a new one anyway, give --new-secret");
            }
            if (Files.isSymbolicLink(file)) {
                // A link to a file that is gone: the link cannot be made anew, only replaced.
                replace(file);
            } else {
                create(file);
            }
        }
        try {
            return secret(read(file));
        } catch (IllegalArgumentException damage) {
            if (!makeNew) {
                throw new IOException(file + " " + damage.getMessage() + ": restore it from a backup, as without it"
                        + " the links in emails already sent stop working; or give --new-secret to make a new one,"
                        + " which breaks those links");
            }
        }
        replace(file);
        return secret(read(file));
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the file: {@code is damaged (not text)} */
    private static byte[] secret(byte[] text) {
        for (byte b : text) {
            if (b < 0) {
                throw new IllegalArgumentException("is damaged (not text)");
            }
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is damaged (" + e.getMessage() + ")");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("holds a secret of " + secret.length + " bytes; it needs at least "
                    + MIN_BYTES);
        }
        return secret;
    }

    /** What in the state folder shows that links signed with its secret were sent; empty when nothing does. */
    private static List<String> mailSent(Path state) throws IOException {
        List<String> sent = new ArrayList<>();
        Path subscribers = state.resolve("subscribers.json");
        if (Files.isRegularFile(subscribers)) {
            // A confirmation link went to them, or they left by an unsubscribe link; a list only imported as
            // confirmed was sent nothing yet.
            long count = new SubscriberFile(subscribers, Clock.systemUTC()).all().stream()
                    .filter(subscription -> subscription.confirmationSent() != null
                            || subscription.status() == Subscription.Status.UNSUBSCRIBED)
                    .count();
            if (count > 0) {
                sent.add(count + (count == 1 ? " subscriber" : " subscribers") + " sent a confirmation link or"
                        + " unsubscribed");
            }
        }
        long digests = CatalogFile.digestsSent(state.resolve("catalog.json"));
        if (digests > 0) {
            sent.add(digests + (digests == 1 ? " digest" : " digests") + " sent");
        }
        return sent;
    }

    /**
     * Makes a secret, unless another process makes one first: then that one stands, and both read it. Written
     * whole to a file readable by its owner only (as {@link Files#createTempFile} makes it), then linked into
     * place, which fails rather than replace a file there.
     */
    private static void create(Path file) throws IOException {
        Path temporary = newSecret(file);
        try {
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

    /** Puts a new secret in place of a damaged one (or of a link to one), whole or not at all. */
    private static void replace(Path file) throws IOException {
        Path temporary = newSecret(file);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A new random secret in a file of its own next to {@code file}, readable by its owner only. */
    private static Path newSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".secret", ".tmp");
        try {
            Files.write(temporary, (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }
}
