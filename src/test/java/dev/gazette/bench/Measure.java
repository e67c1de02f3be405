package dev.gazette.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs processes and times them: wall time, and peak resident memory where GNU time is there to tell. */
final class Measure {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private Measure() {
    }

    /**
     * One process run: how long, how much memory at most, and what it printed.
     *
     * @param cpuSeconds user and system time, which other work on a shared machine does not lengthen; NaN
     *                   without GNU time
     */
    record Run(double seconds, long maxRssKb, double cpuSeconds, String out, String err) {
    }

    static Run process(List<String> command, Path directory, Map<String, String> env) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        Path rss = Files.createTempFile("gazette-bench", ".rss");
        boolean timed = Files.isExecutable(GNU_TIME);
        if (timed) {
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
        }
        full.addAll(command);
        Path out = Files.createTempFile("gazette-bench", ".out");
        Path err = Files.createTempFile("gazette-bench", ".err");
        ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toAbsolutePath().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + tail(errors + printed));
        }
        String[] usage = timed ? Files.readString(rss).strip().lines().reduce((a, b) -> b).orElse("0 NaN NaN")
                .split(" ") : new String[] {"-1", "NaN", "NaN"};
        long maxRss = Long.parseLong(usage[0]);
        double cpu = Double.parseDouble(usage[1]) + Double.parseDouble(usage[2]);
        Files.deleteIfExists(rss);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return new Run(seconds, maxRss, cpu, printed, errors);
    }

    /** A process to run, for a lambda that cannot throw. */
    interface Command {
        Run run() throws IOException, InterruptedException;
    }

    static Run unchecked(Command command) {
        try {
            return command.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static boolean installed(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }

    static String version(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("?").strip();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
