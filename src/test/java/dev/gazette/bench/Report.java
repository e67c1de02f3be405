package dev.gazette.bench;

import java.util.List;

/** What the benchmarks found, printed as it comes and kept as Markdown for BENCHMARKS.md. */
final class Report {
    private final StringBuilder markdown = new StringBuilder();

    void heading(String text) {
        add("# " + text + "\n");
    }

    void heading2(String text) {
        add("\n## " + text + "\n");
    }

    void line(String text) {
        add(text);
    }

    void table(List<String> header, List<List<String>> rows) {
        StringBuilder table = new StringBuilder("\n| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(column -> table.append("---|"));
        for (List<String> row : rows) {
            table.append("\n| ").append(String.join(" | ", row)).append(" |");
        }
        add(table.append("\n").toString());
    }

    private void add(String text) {
        System.out.println(text);
        System.out.flush();
        markdown.append(text).append('\n');
    }

    String markdown() {
        return markdown.toString();
    }

    static String number(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** Each target of the issue next to the figure this run measured. */
    void targets(FullBuild.Result build, ColdStartBench coldStart, DigestBench.Result digests) {
        heading2("Against the targets");
        table(List.of("Target", "Measured", "Met"), List.of(
                row("Full build ≤ Hugo's wall time (ratio ≤ 1.0)", build.hugoRatio(), build.hugoRatio() <= 1.0),
                row("Full build well under Jekyll's", build.jekyllRatio(), build.jekyllRatio() < 0.5),
                List.of("Incremental publish ≤ 50 ms warm; 5,840 posts within 1.2× of 584", "see above", "see above"),
                List.of("Fresh-JVM single-post publish within 2× of Java hello-world",
                        number(coldStart.ratio(), 1) + "×", coldStart.ratio() <= 2 ? "yes" : "no"),
                List.of("Lambda artifact ≤ 15 MB", number(coldStart.artifactMb(), 1) + " MB",
                        coldStart.artifactMb() <= 15 ? "yes" : "no"),
                List.of("Digest composition ≥ 50,000 messages/s on 2 cores",
                        number(digests.twoThreads(), 0) + " /s", digests.twoThreads() >= 50_000 ? "yes" : "no"),
                List.of("Peak heap of the full build ≤ 256 MB", build.peakHeapMb() + " MB",
                        build.peakHeapMb() <= 256 ? "yes" : "no")));
    }

    private static List<String> row(String target, double ratio, boolean met) {
        return Double.isNaN(ratio) ? List.of(target, "not installed", "—")
                : List.of(target, number(ratio, 2) + "×", met ? "yes" : "no");
    }
}
