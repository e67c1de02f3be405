package dev.gazette.local;

import dev.gazette.post.PostParser;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Change;
import dev.gazette.publish.Entry;
import dev.gazette.publish.PostFiles;
import dev.gazette.publish.Publisher;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The posts folder on disk: Markdown posts and the files beside them, less those {@link Publisher#ignores}.
 */
public final class PostFolder implements PostFiles {
    private static final Gson GSON = new Gson();

    private final Path root;
    private final Path stampFile;
    private final Set<Path> skipped;
    /** Size, time and hash of each file when last read, from the previous run. */
    private final Map<String, Stamp> previous = new HashMap<>();
    /** Size and time of each file now; the hash for those read in this run. */
    private final Map<String, Stamp> current = new ConcurrentHashMap<>();

    /**
     * What a file was like when read: a file of the same size and time is taken to hold the same content, unless it
     * changed within moments of being read, when a second write could leave both the same (git's "racily clean").
     */
    private record Stamp(long size, long modified, String hash, long read) {
        boolean sameAs(Stamp now) {
            return size == now.size && modified == now.modified && modified + RACY_MILLIS < read;
        }
    }

    /** Longer than the coarsest time stamps of common file systems. */
    private static final long RACY_MILLIS = 2_000;

    /** A posts folder read whole on every run. */
    public PostFolder(Path root) {
        this(root, null, List.of());
    }

    /**
     * A posts folder whose files are read again only when their size or time changed, as {@code make} and
     * {@code rsync} tell: what each was like is kept in {@code stampFile}.
     *
     * @param skipped folders left out wherever they are, such as the site folder when it is inside the posts
     */
    public PostFolder(Path root, Path stampFile, Collection<Path> skipped) {
        this.root = root.toAbsolutePath().normalize();
        this.stampFile = stampFile;
        this.skipped = skipped.stream().map(folder -> folder.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
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
                return !dir.equals(root) && (Publisher.ignores(source(dir)) || skipped.contains(dir))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !Publisher.ignores(source(file))) {
                    String source = source(file);
                    files.add(source);
                    current.put(source, new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), null, 0));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        loadStamps();
        return files;
    }

    /**
     * Every file that may have changed, and every file the catalog knows that is gone as a removal. A file as it was
     * when the catalog took it in, by its size, time and hash, is left out: nothing needs to read it.
     *
     * @param all every file, unchanged or not: to write the whole site again
     */
    public List<Change> changes(Set<String> files, Catalog catalog, boolean all) {
        List<Change> changes = new ArrayList<>();
        for (String source : files) {
            Stamp before = previous.get(source);
            Stamp now = current.get(source);
            if (!all && before != null && now != null && before.sameAs(now)
                    && catalog.entry(source).map(entry -> entry.hash().equals(before.hash())).orElse(false)) {
                current.put(source, before);
                continue;
            }
            Path file = root.resolve(source);
            changes.add(Change.of(source, () -> {
                byte[] content = Files.readAllBytes(file);
                current.computeIfPresent(source, (name, stamp) -> new Stamp(stamp.size(), stamp.modified(),
                        Entry.hashOf(content), System.currentTimeMillis()));
                return content;
            }));
        }
        for (String source : catalog.sources()) {
            if (!files.contains(source)) {
                changes.add(Change.removed(source));
            }
        }
        return changes;
    }

    /**
     * Keeps what each file was like for the next run, for the files the catalog took in as they are now; a file it
     * did not (a post with an error) is read again next time, and reported again.
     */
    public void saveStamps(Catalog catalog) throws IOException {
        if (stampFile == null) {
            return;
        }
        Map<String, Stamp> kept = new TreeMap<>();
        current.forEach((source, stamp) -> {
            if (stamp.hash() != null
                    && catalog.entry(source).map(entry -> entry.hash().equals(stamp.hash())).orElse(false)) {
                kept.put(source, stamp);
            }
        });
        AtomicFiles.write(stampFile, GSON.toJson(kept).getBytes(StandardCharsets.UTF_8));
    }

    private void loadStamps() throws IOException {
        previous.clear();
        if (stampFile == null || !Files.exists(stampFile)) {
            return;
        }
        try {
            Map<String, Stamp> stamps = GSON.fromJson(Files.readString(stampFile, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Stamp>>() { }.getType());
            if (stamps != null) {
                previous.putAll(stamps);
            }
        } catch (JsonParseException e) {
            // Only a shortcut: without it, every file is read and compared by its content.
            previous.clear();
        }
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

}
