package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gazette}, the launcher the README runs, on a small jar of its own: it passes arguments and exit codes
 * through, makes a class-data cache on the first run of a command, starts from it afterwards, makes a new one for
 * a new jar, and runs without one when none can be written.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("bin", "gazette").toAbsolutePath();

    @TempDir
    Path folder;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void theFirstRunMakesACacheThatTheNextRunStartsFrom() throws Exception {
        Path jar = jar("gazette.jar");
        Path cache = folder.resolve("cache");

        Run first = launch(jar, cache, Map.of(), "publish", "two words", "--fail");

        assertEquals(new Run(4, "publish\ntwo words\n--fail\n", ""), first);
        Path archive = awaitCache(cache, "publish-");
        Path loaded = folder.resolve("loaded.txt");
        Run second = launch(jar, cache, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded), "publish", "again");
        assertEquals(new Run(0, "publish\nagain\n", ""), second);
        assertTrue(Files.readString(loaded).contains(LauncherProbe.class.getName() + " source: shared objects file"),
                "the probe's class comes from the cache " + archive);
    }

    @Test
    void aNewJarGetsANewCacheInPlaceOfTheOld() throws Exception {
        Path jar = jar("gazette.jar");
        Path cache = folder.resolve("cache");
        launch(jar, cache, Map.of(), "--version");
        Path old = awaitCache(cache, "other-");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        launch(jar, cache, Map.of(), "--version");
        Path renewed = awaitCache(cache, "other-", old);

        assertEquals(List.of(renewed), list(cache.resolve("gazette")), "the old jar's cache is removed");
    }

    @Test
    void withoutAWritableCacheFolderTheCommandStillRuns() throws Exception {
        Path jar = jar("gazette.jar");
        Path notAFolder = Files.writeString(folder.resolve("file"), "");

        Run run = launch(jar, notAFolder, Map.of(), "publish", "--fail");

        assertEquals(new Run(4, "publish\n--fail\n", ""), run);
    }

    @Test
    void aMissingJarIsNamed() throws Exception {
        Run run = launch(folder.resolve("nowhere.jar"), folder.resolve("cache"), Map.of(), "--version");

        assertEquals(3, run.exit());
        assertTrue(run.err().contains("nowhere.jar is missing: build it with mvn -q -B package -DskipTests"), run.err());
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Path notAJdk = Files.createDirectory(folder.resolve("not a jdk"));

        Run run = launch(jar("gazette.jar"), folder.resolve("cache"), Map.of("JAVA_HOME", notAJdk.toString()), "--version");

        assertEquals(new Run(3, "", "gazette: JAVA_HOME is " + notAJdk + ", which has no bin/java: set it to a JDK 17 or"
                + " newer, or unset it\n"), run);
    }

    @Test
    void javaOptsAreWordsNeverFileNames() throws Exception {
        // A file the option would name, were it expanded as a pattern.
        Files.writeString(folder.resolve("-Dprobe=a file"), "");
        Path jar = jar("gazette.jar");
        Path cache = folder.resolve("cache");

        assertEquals(new Run(0, "--version\nprobe=*\n", ""), launch(jar, cache, Map.of("JAVA_OPTS", "-Dprobe=*"),
                "--version"), "the first run, which records");
        awaitCache(cache, "other-");
        assertEquals(new Run(0, "--version\nprobe=*\n", ""), launch(jar, cache, Map.of("JAVA_OPTS", "-Dprobe=*"),
                "--version"), "a run from the cache");
    }

    @Test
    void javaOptsMayTurnTheFullCompilerBackOn() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("file"), "");

        Run run = launch(jar("gazette.jar"), notAFolder, Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "--version");

        assertEquals(new Run(0, "--version\n", ""), run);
    }

    private Run launch(Path jar, Path cache, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("GAZETTE_JAR", jar.toString());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    /**
     * The cache is made in the background after the first run: waits, at most a minute, until one other than the
     * {@code replaced} is there and the launcher has removed its temporary files.
     */
    private static Path awaitCache(Path cache, String prefix, Path... replaced) throws Exception {
        Path folder = cache.resolve("gazette");
        for (int i = 0; i < 600; i++) {
            List<Path> files = Files.isDirectory(folder) ? list(folder) : List.of();
            List<Path> made = files.stream().filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".jsa") && !List.of(replaced).contains(f)).toList();
            boolean clean = files.stream().noneMatch(f -> f.getFileName().toString().startsWith("."));
            if (made.size() == 1 && clean) {
                return made.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no cache " + prefix + "* made in " + folder + ": " + list(folder));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** A jar whose main class is {@link LauncherProbe}. */
    private Path jar(String name) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        Path jar = folder.resolve(name);
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = LauncherProbe.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }
}
