package dev.gazette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gazette as the README runs it: {@code bin/gazette}, on the JDK the benchmarks run on, with its class-data cache
 * in the benchmarks' own folder, so that the cache is this jar's, and is made before anything is timed.
 */
final class Launcher {
    private static final Path SCRIPT = Path.of("bin", "gazette");

    private Launcher() {
    }

    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(args);
        return command;
    }

    static Map<String, String> env(Path work) {
        return Map.of("XDG_CACHE_HOME", work.resolve("cache").toAbsolutePath().toString(),
                "JAVA_HOME", System.getProperty("java.home"), "GAZETTE_JAR", Path.of(Benchmarks.jar()).toAbsolutePath().toString());
    }

    /** Runs the command once, untimed, and waits (at most two minutes) for the cache it makes in the background. */
    static void warm(Path work, List<String> args) throws Exception {
        Measure.process(command(args), Path.of(""), env(work));
        String prefix = args.get(0).startsWith("-") ? "other-" : args.get(0) + "-";
        Path folder = work.resolve("cache").resolve("gazette");
        for (int i = 0; i < 1200; i++) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<String> names = files.map(file -> file.getFileName().toString()).toList();
                    if (names.stream().anyMatch(name -> name.startsWith(prefix) && name.endsWith(".jsa"))
                            && names.stream().noneMatch(name -> name.startsWith("."))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("bin/gazette made no class-data cache for " + args.get(0) + " in " + folder);
    }
}
