package dev.gazette.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code gazette --version}, the start-up alone: as the README runs it, with plain {@code java -jar}, and a hello-world. */
final class StartUp {
    private StartUp() {
    }

    /** Milliseconds, medians. */
    record Result(double launcher, double plain, double hello) {
    }

    static Result run(Path work, Report report) throws Exception {
        report.heading2("2. Start-up");
        report.line("`gazette --version` in a fresh process, medians of " + FullBuild.ROUNDS + " rounds, each running"
                + " every command once: the JVM's start, Gazette's command line, and the exit.");
        Launcher.warm(work, List.of("--version"));
        List<Double> launcher = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> hello = new ArrayList<>();
        for (int round = 0; round < FullBuild.ROUNDS; round++) {
            launcher.add(Measure.process(Launcher.command(List.of("--version")), Path.of(""), Launcher.env(work))
                    .seconds() * 1000);
            plain.add(Measure.process(List.of(Benchmarks.java(), "-jar", Benchmarks.jar(), "--version"), Path.of(""),
                    Map.of()).seconds() * 1000);
            hello.add(Measure.process(List.of(Benchmarks.java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    "target/test-classes", Hello.class.getName()), Path.of(""), Map.of()).seconds() * 1000);
        }
        Result result = new Result(Measure.median(launcher), Measure.median(plain), Measure.median(hello));
        report.table(List.of("Command", "Median"), List.of(
                List.of("`bin/gazette --version` (as the README runs it)", Report.number(result.launcher(), 0) + " ms"),
                List.of("`java -jar target/gazette.jar --version`", Report.number(result.plain(), 0) + " ms"),
                List.of("Java hello-world (`-XX:TieredStopAtLevel=1`)", Report.number(result.hello(), 0) + " ms")));
        return result;
    }
}
