package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path folder;

    @Test
    void aPortInUseIsNamed() throws Exception {
        Files.createDirectories(folder.resolve("site"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();

            int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                    "--site", folder.resolve("site").toString(), "--port", String.valueOf(taken.getLocalPort()),
                    "--site-url", "http://127.0.0.1:8080/", "--state", folder.resolve("state").toString(),
                    "--outbox", folder.resolve("outbox").toString());

            assertEquals(3, exit);
            assertEquals("gazette: port " + taken.getLocalPort() + " of 127.0.0.1 is taken; stop what uses it, or give"
                    + " another --port", err.toString().strip());
        }
    }

    @Test
    void aWrongDigestIsNamedAsPublishNamesIt() throws Exception {
        Files.createDirectories(folder.resolve("posts"));
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve", "--watch",
                "--posts", folder.resolve("posts").toString(), "--digest", "weekly");

        assertEquals(2, exit);
        assertEquals("gazette: --digest is 'full' or 'summary', not 'weekly'", err.toString().strip());
    }
}
