package dev.gazette.local;

import dev.gazette.post.PostParser;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Change;
import dev.gazette.publish.PostFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The posts folder on disk: Markdown posts and the files beside them. Hidden files and folders (a name starting
 * with a dot, such as {@code .git} or {@code .DS_Store}) and {@code README.md} files, which describe a folder
 * rather than being a post, are not part of it.
 */
public final class PostFolder implements PostFiles {
    private final Path root;

    public PostFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every file of the folder, by path relative to it with {@code /} separators, in order. */
    public Set<String> files() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the posts folder does not exist");
        }
        Set<String> files = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file) && !readme(file)) {
                    files.add(source(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** Every file as a change, and every file the catalog knows that is gone as a removal. */
    public List<Change> changes(Set<String> files, Catalog catalog) {
        List<Change> changes = new ArrayList<>();
        for (String source : files) {
            Path file = root.resolve(source);
            changes.add(Change.of(source, () -> Files.readAllBytes(file)));
        }
        for (String source : catalog.sources()) {
            if (!files.contains(source)) {
                changes.add(Change.removed(source));
            }
        }
        return changes;
    }

    /** How many of {@code files} are posts. */
    public static long posts(Set<String> files) {
        return files.stream().filter(PostParser::isPost).count();
    }

    @Override
    public Optional<byte[]> read(String source) throws IOException {
        Path file = root.resolve(source).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    private String source(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean readme(Path path) {
        String name = path.getFileName().toString();
        return PostParser.isPost(name) && name.toLowerCase(Locale.ROOT).startsWith("readme.");
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
