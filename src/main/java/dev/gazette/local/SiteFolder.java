package dev.gazette.local;

import dev.gazette.publish.SiteFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** The site as a folder on disk. */
public final class SiteFolder implements SiteFiles {
    private final Path root;

    public SiteFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public boolean write(String path, byte[] content) throws IOException {
        Path file = resolve(path);
        if (Files.isRegularFile(file) && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        AtomicFiles.write(file, content);
        return true;
    }

    @Override
    public void delete(String path) throws IOException {
        Path file = resolve(path);
        Files.deleteIfExists(file);
        for (Path folder = file.getParent(); folder != null && !folder.equals(root); folder = folder.getParent()) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** The SHA-256 of the file's content: one run at a time holds the state folder, so content is enough. */
    @Override
    public Optional<String> version(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(sha256(Files.readAllBytes(file)));
    }

    @Override
    public Replaced replace(String path, byte[] content, Optional<String> expected) throws IOException {
        if (!version(path).equals(expected)) {
            return Replaced.CONFLICT;
        }
        return write(path, content) ? Replaced.WRITTEN : Replaced.UNCHANGED;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("\"" + path + "\" is not a file inside the site folder " + root);
        }
        return file;
    }
}
