package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.Emulators;
import dev.gazette.local.SecretFile;
import dev.gazette.subscriber.KeySet;
import dev.gazette.subscriber.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {
    @TempDir
    Path folder;

    private static Blog.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Blog.Run(exit, out.toString().strip(), err.toString().strip());
    }

    @Test
    void rotatesTheStateFoldersKeys() throws Exception {
        Path state = folder.resolve("state");
        KeySet before = SecretFile.loadOrCreate(state.resolve("secret"), false);
        String sent = new Tokens(before).unsubscribe("ada@example.com");

        Blog.Run rotated = run("secret", "rotate", "--state", state.toString(), "--keep-previous-days", "30");

        assertEquals(0, rotated.exit(), rotated.err());
        KeySet after = SecretFile.loadOrCreate(state.resolve("secret"), false);
        Instant retires = after.keys().get(1).retires();
        assertEquals("key 2 signs from now on; key 1 verifies the links it signed until " + retires, rotated.out());
        assertTrue(Duration.between(Instant.now().plus(Duration.ofDays(30)), retires).abs().toMinutes() < 5, retires.toString());
        assertEquals(new Tokens.Check.Valid("ada@example.com"),
                new Tokens(after).check(sent, Tokens.Purpose.UNSUBSCRIBE, Instant.now()));
    }

    @Test
    void rotatesTheStacksKeysAsTheFunctionsFindThem() {
        Emulators emulators = Emulators.start();
        String table = emulators.createTable();
        DynamoKeys keys = new DynamoKeys(emulators.dynamoDbClient(), table);
        String sent = new Tokens(keys.loadOrCreate(null)).unsubscribe("ada@example.com");

        Blog.Run rotated = run("secret", "rotate", "--table", table, "--keep-previous-days", "0");

        assertEquals(0, rotated.exit(), rotated.err());
        KeySet after = keys.read().orElseThrow();
        assertEquals("2", after.current().id());
        assertEquals(new Tokens.Check.Invalid(), new Tokens(after).check(sent, Tokens.Purpose.UNSUBSCRIBE,
                Instant.now().plus(1, ChronoUnit.SECONDS)), "retired at once, as after a leak");
    }

    @Test
    void nothingToRotateIsSaid() {
        Blog.Run refused = run("secret", "rotate", "--state", folder.resolve("state").toString());
        assertEquals(Main.FAILED, refused.exit());
        assertEquals("gazette: " + folder.resolve("state/secret") + " is missing: there are no keys to rotate yet;"
                + " they are made when Gazette first signs a link", refused.err());
    }
}
