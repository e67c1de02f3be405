package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path folder;

    @Test
    void madeOnceThenKept() throws IOException {
        Path file = folder.resolve("state/secret");

        KeySet made = SecretFile.loadOrCreate(file, false);

        assertEquals(32, made.current().secret().length);
        assertEquals(made.text(), SecretFile.loadOrCreate(file, false).text());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aDamagedSecretIsNamedNotReplaced() throws IOException {
        Path file = folder.resolve("secret");
        Files.writeString(file, "not base64 at all!");

        IOException error = assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false));

        assertTrue(error.getMessage().startsWith(file + " is damaged"), error.getMessage());
        assertEquals("not base64 at all!", Files.readString(file));
    }

    @Test
    void aShortOrEmptySecretSaysWhatToDoAndIsReplacedWhenAskedTo() throws IOException {
        Path file = folder.resolve("secret");
        for (String damaged : List.of("", "  \n", "YWJj\n")) {
            Files.writeString(file, damaged);
            IOException error = assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false));
            assertTrue(error.getMessage().startsWith(file + " holds a secret of "), error.getMessage());
            assertTrue(error.getMessage().endsWith(" bytes; it needs at least 16: restore it from a backup, as"
                    + " without it the links in emails already sent stop working; or give --new-secret to make a"
                    + " new one, which breaks those links"), error.getMessage());
            assertEquals(damaged, Files.readString(file), "kept until asked");

            KeySet made = SecretFile.loadOrCreate(file, true);

            assertEquals(32, made.current().secret().length);
            assertEquals(made.text(), SecretFile.loadOrCreate(file, false).text());
        }
    }

    @Test
    void aLinkToADamagedSecretIsReplacedByAFileAndItsTargetLeftAlone() throws IOException {
        Path target = folder.resolve("elsewhere");
        Files.writeString(target, "YWI=\n");
        Path file = folder.resolve("secret");
        Files.createSymbolicLink(file, target);
        assertTrue(assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false)).getMessage()
                .startsWith(file + " holds a secret of 2 bytes"));

        KeySet made = SecretFile.loadOrCreate(file, true);

        assertFalse(Files.isSymbolicLink(file));
        assertEquals(made.text(), SecretFile.loadOrCreate(file, false).text());
        assertEquals("YWI=\n", Files.readString(target));
    }

    @Test
    void aLinkToASecretThatIsGoneIsReplacedLikeALostOne() throws IOException {
        Path file = folder.resolve("secret");
        Files.createSymbolicLink(file, folder.resolve("gone"));

        KeySet made = SecretFile.loadOrCreate(file, false);

        assertEquals(32, made.current().secret().length);
        assertEquals(made.text(), SecretFile.loadOrCreate(file, false).text());
    }

    @Test
    void aGoodSecretIsKeptWhateverIsAsked() throws IOException {
        Path file = folder.resolve("secret");
        KeySet made = SecretFile.loadOrCreate(file, false);
        assertEquals(made.text(), SecretFile.loadOrCreate(file, true).text());
    }

    @Test
    void aLostSecretIsNotReplacedOnceDigestsWereSent() throws IOException {
        Path state = Files.createDirectories(folder.resolve("state"));
        try (CatalogFile catalog = CatalogFile.open(state.resolve("catalog.json"))) {
            catalog.save(new Digest("20260110-86e45ba29aaa", List.of("https://example.com/a/"),
                    Instant.parse("2026-01-10T09:00:00Z"), Instant.parse("2026-01-10T09:00:00Z"), 3));
        }
        Path file = state.resolve("secret");

        IOException error = assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false));

        assertEquals(file + " is missing, but this state folder shows that mail went out with links it signed"
                + " (1 digest sent): a new secret would break every unsubscribe and confirmation link already sent."
                + " Restore the file from a backup, or give the secret used before with --unsubscribe-secret; to make"
                + " a new one anyway, give --new-secret", error.getMessage());
        assertFalse(Files.exists(file));
        assertEquals(32, SecretFile.loadOrCreate(file, true).current().secret().length, "asked for explicitly");
    }

    @Test
    void aDigestSentIsFoundInTheCatalogsLogToo() throws IOException {
        Path state = Files.createDirectories(folder.resolve("state"));
        // Written through the store as a run writes it, and not folded yet: only in catalog.log.
        CatalogFile.open(state.resolve("catalog.json")).save(new Digest("20260110-86e45ba29aaa",
                List.of("https://example.com/a/"), Instant.parse("2026-01-10T09:00:00Z"),
                Instant.parse("2026-01-10T09:00:00Z"), 3));
        Path file = state.resolve("secret");

        IOException error = assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false));

        assertTrue(error.getMessage().contains("(1 digest sent)"), error.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aLostSecretIsNotReplacedOnceConfirmationLinksWereSent() throws IOException {
        Path state = folder.resolve("state");
        SubscriberFile subscribers = new SubscriberFile(state.resolve("subscribers.json"), Clock.systemUTC());
        Instant now = Instant.now();
        subscribers.create(Subscription.confirmed("imported@example.com", null, now));
        assertEquals(32, SecretFile.loadOrCreate(state.resolve("secret"), false).current().secret().length,
                "a list imported as confirmed was sent nothing");
        Files.delete(state.resolve("secret"));
        subscribers.create(new Subscription("ada@example.com", null, Subscription.Status.PENDING, now, now, now, null,
                List.of()));

        IOException error = assertThrows(IOException.class,
                () -> SecretFile.loadOrCreate(state.resolve("secret"), false));

        assertTrue(error.getMessage().contains("(1 subscriber sent a confirmation link or unsubscribed)"),
                error.getMessage());
    }

    @Test
    void aSecretThatIsNotTextOrIsAFolderIsNamed() throws IOException {
        Path file = folder.resolve("secret");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertEquals(file + " is damaged (not text): restore it from a backup, as without it the links in emails"
                + " already sent stop working; or give --new-secret to make a new one, which breaks those links",
                assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false)).getMessage());

        Files.delete(file);
        Files.createDirectories(file);
        assertEquals(file + " is a folder, where Gazette keeps the secret that signs subscription links: move it out"
                + " of the state folder", assertThrows(IOException.class, () -> SecretFile.loadOrCreate(file, false))
                .getMessage());
    }

    @Test
    void aSecretWrittenBeforeKeyIdsStillSignsAsTheLegacyKey() throws IOException {
        Path file = folder.resolve("secret");
        Files.writeString(file, "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=\n");
        Tokens before = new Tokens("0123456789abcdef0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        KeySet keys = SecretFile.loadOrCreate(file, false);

        assertEquals(KeySet.LEGACY_ID, keys.current().id());
        String sent = before.unsubscribe("ada@example.com");
        assertEquals(new Tokens.Check.Valid("ada@example.com"),
                new Tokens(keys).check(sent, Tokens.Purpose.UNSUBSCRIBE, Instant.now()));
        assertEquals("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=\n", Files.readString(file), "left as it was");
    }

    @Test
    void aRotationKeepsThePreviousKeyVerifyingForItsPeriod() throws IOException {
        Path file = folder.resolve("secret");
        KeySet made = SecretFile.loadOrCreate(file, false);
        String sent = new Tokens(made).unsubscribe("ada@example.com");
        Instant now = Instant.parse("2026-01-10T09:00:00Z");

        KeySet rotated = SecretFile.rotate(file, now, Duration.ofDays(400));

        assertEquals(rotated.text(), SecretFile.loadOrCreate(file, false).text());
        assertEquals("2", rotated.current().id());
        Tokens tokens = new Tokens(rotated);
        assertEquals(new Tokens.Check.Valid("ada@example.com"),
                tokens.check(sent, Tokens.Purpose.UNSUBSCRIBE, now.plus(Duration.ofDays(399))));
        assertEquals(new Tokens.Check.Invalid(),
                tokens.check(sent, Tokens.Purpose.UNSUBSCRIBE, now.plus(Duration.ofDays(400))));
    }

    @Test
    void nothingToRotateOrDamagedKeysAreNamed() throws IOException {
        Path file = folder.resolve("secret");
        Instant now = Instant.parse("2026-01-10T09:00:00Z");
        assertEquals(file + " is missing: there are no keys to rotate yet; they are made when Gazette first signs a"
                + " link", assertThrows(IOException.class, () -> SecretFile.rotate(file, now, Duration.ZERO))
                .getMessage());
        Files.writeString(file, "YWJj\n");
        assertEquals(file + " holds a secret of 3 bytes; it needs at least 16: restore it from a backup before"
                + " rotating", assertThrows(IOException.class, () -> SecretFile.rotate(file, now, Duration.ZERO))
                .getMessage());
        assertEquals("YWJj\n", Files.readString(file));
    }
}
