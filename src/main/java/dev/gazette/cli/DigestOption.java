package dev.gazette.cli;

import dev.gazette.digest.DigestComposer;
import picocli.CommandLine.Option;

/** {@code --digest full|summary}, for the commands that make a digest: {@code publish}, and {@code serve --watch}. */
final class DigestOption {
    @Option(names = "--digest", paramLabel = "full|summary", defaultValue = "full", description = "Whether the digest shows each post in full or its summary (default: ${DEFAULT-VALUE}).")
    private String content;

    /** @throws IllegalArgumentException for any other value, as the commands report a wrong option */
    DigestComposer.Content content() {
        try {
            return DigestComposer.Content.named(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--digest " + e.getMessage());
        }
    }
}
