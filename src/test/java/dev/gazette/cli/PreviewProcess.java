package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code gazette serve --watch} on a blog, in a process of its own as a writer runs it, stopped as Ctrl-C does. */
final class PreviewProcess implements AutoCloseable {
    private final Process process;
    /** Where the preview is served, such as {@code http://127.0.0.1:41234/}. */
    final String here;

    PreviewProcess(Blog blog, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--watch",
                "--posts", blog.posts.toString(), "--port", "0", "--state", blog.state.toString(),
                "--outbox", blog.outbox.toString()));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("Previewing ")) {
            close();
        }
        assertTrue(first != null && first.startsWith("Previewing "), "gazette serve --watch said: " + first);
        here = first.replaceFirst(".* at (http://127\\.0\\.0\\.1:\\d+/) .*", "$1");
        // The rest of what it says, so it never waits on a full pipe.
        CompletableFuture.runAsync(() -> out.lines().forEach(line -> { }));
    }

    /** Stops it as Ctrl-C does, and waits until it has. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "gazette serve --watch did not stop");
    }
}
