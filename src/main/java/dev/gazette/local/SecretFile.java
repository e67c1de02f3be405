package dev.gazette.local;

import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that sign subscription links when no secret is given ({@link KeySet}, in its text): made once, at
 * random, and kept in the state folder, so the links in every email stay valid from one run to the next, and
 * rotated on request. Once mail has gone out, lost keys are not made again without being asked: every link
 * already sent would stop working. A file of one secret, as written before key ids, is the legacy key.
 */
public final class SecretFile {
        private SecretFile() {
    }

    /**
     * @param makeNew make a new secret in place of a lost or damaged one, even though the state folder shows mail was
     *     sent with it
     */
    public static KeySet loadOrCreate(Path file, boolean makeNew) throws IOException {
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
                replace(file, KeySet.random());
            } else {
                create(file);
            }
        }
        try {
            return KeySet.parse(read(file));
        } catch (IllegalArgumentException damage) {
            if (!makeNew) {
                throw new IOException(file + " " + damage.getMessage() + ": restore it from a backup, as without it"
                        + " the links in emails already sent stop working; or give --new-secret to make a new one,"
                        + " which breaks those links");
            }
        }
        replace(file, KeySet.random());
        return KeySet.parse(read(file));
    }

    /**
     * Puts a new current key in place, keeping the one it replaces verifying for {@code keepPrevious}.
     *
     * @return the keys now in the file
     */
    public static KeySet rotate(Path file, Instant now, Duration keepPrevious) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: there are no keys to rotate yet; they are made when Gazette"
                    + " first signs a link");
        }
        KeySet keys;
        try {
            keys = KeySet.parse(read(file));
        } catch (IllegalArgumentException damage) {
            throw new IOException(file + " " + damage.getMessage() + ": restore it from a backup before rotating");
        }
        KeySet rotated = keys.rotate(now, keepPrevious);
        replace(file, rotated);
        return rotated;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
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
        Path temporary = written(file, KeySet.random());
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

    /** Puts {@code keys} in place of what is there (damaged keys, a link to them), whole or not at all. */
    private static void replace(Path file, KeySet keys) throws IOException {
        Path temporary = written(file, keys);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@code keys} in a file of their own next to {@code file}, readable by its owner only. */
    private static Path written(Path file, KeySet keys) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".secret", ".tmp");
        try {
            Files.write(temporary, keys.text().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }
}
