package dev.gazette.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The posts a benchmark publishes: the real corpus in {@code ../shared/corpus} when given, else realistic
 * synthetic posts made from a fixed seed, so every run publishes the same text.
 */
final class Corpus {
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from or at"
            + " an not have which one you all but can has more will their we about if when there what so out up"
            + " compiler release crate feature borrow checker trait lifetime async await macro cargo build test"
            + " library language community team project survey update stable nightly beta error memory safety"
            + " performance thread iterator closure generic type module package version tooling").split(" ");

    private Corpus() {
    }

    /** Copies the Markdown posts under {@code source} (the real corpus), without its README and licences. */
    static int copy(Path source, Path target) throws IOException {
        int count = 0;
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".md") && !name.equalsIgnoreCase("README.md")) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                    count++;
                }
            }
        }
        return count;
    }

    /** Writes {@code count} synthetic posts: front matter, headings, paragraphs, lists, code, tables, links. */
    static int synthesize(Path target, int count) throws IOException {
        Random random = new Random(584);
        Files.createDirectories(target);
        LocalDate day = LocalDate.of(2014, 9, 15);
        for (int i = 0; i < count; i++) {
            day = day.plusDays(1 + random.nextInt(7));
            String slug = words(random, 3).replace(' ', '-') + "-" + i;
            StringBuilder post = new StringBuilder("---\nlayout: post\ntitle: \"")
                    .append(capitalised(words(random, 5))).append("\"\nauthor: ").append(capitalised(words(random, 2)))
                    .append("\ntags: [").append(WORDS[random.nextInt(WORDS.length)]).append(", ")
                    .append(WORDS[random.nextInt(WORDS.length)]).append("]\n---\n\n");
            for (int section = 0; section < 3 + random.nextInt(4); section++) {
                post.append("## ").append(capitalised(words(random, 4))).append("\n\n");
                for (int paragraph = 0; paragraph < 2 + random.nextInt(3); paragraph++) {
                    post.append(capitalised(words(random, 40 + random.nextInt(60)))).append(" See [the docs](")
                            .append("https://doc.rust-lang.org/").append(") and [an earlier post](#")
                            .append(words(random, 1)).append(").\n\n");
                }
                switch (random.nextInt(4)) {
                    case 0 -> post.append("```rust\nfn main() {\n    println!(\"").append(words(random, 4))
                            .append("\");\n}\n```\n\n");
                    case 1 -> post.append("- ").append(words(random, 6)).append("\n- ").append(words(random, 6))
                            .append("\n- `").append(words(random, 1)).append("`\n\n");
                    case 2 -> post.append("| Name | Value |\n|---|---|\n| ").append(words(random, 1)).append(" | ")
                            .append(random.nextInt(1000)).append(" |\n\n");
                    default -> post.append("![").append(words(random, 3)).append("](/images/")
                            .append(words(random, 1)).append(".png)\n\n");
                }
            }
            Files.writeString(target.resolve(day + "-" + slug + ".md"), post, StandardCharsets.UTF_8);
        }
        return count;
    }

    /** Copies of every post under new slugs, so the site grows without permalinks colliding. */
    static void multiply(Path source, Path target, int times) throws IOException {
        List<Path> posts;
        try (Stream<Path> files = Files.walk(source)) {
            posts = files.filter(file -> file.toString().endsWith(".md")).toList();
        }
        for (int copy = 0; copy < times; copy++) {
            for (Path post : posts) {
                String relative = source.relativize(post).toString();
                String renamed = copy == 0 ? relative : relative.replaceFirst("\\.md$", "-copy" + copy + ".md");
                Path file = target.resolve(renamed);
                Files.createDirectories(file.getParent());
                Files.copy(post, file);
            }
        }
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
