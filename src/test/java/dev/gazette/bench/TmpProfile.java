package dev.gazette.bench;

import java.nio.file.Files;
import java.nio.file.Path;

public final class TmpProfile {
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("prof");
        Path corpus = work.resolve("corpus");
        Corpus.copy(Path.of("../shared/corpus"), corpus);
        Incremental.run(corpus, work, new Report());
    }
}
