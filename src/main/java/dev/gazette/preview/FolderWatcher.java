package dev.gazette.preview;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches folders and every folder in them, as they come and go, and tells when something in them changed. Which
 * file changed is not told: a build finds that out itself, so an editor that saves through a temporary file and a
 * rename, or a burst of saves, comes to the same. Hidden folders ({@code .git}) are not watched.
 */
final class FolderWatcher implements Closeable {
    /** The most folders watched; each takes one of the system's watches (inotify's are limited per user). */
    static final int MAX_FOLDERS = 4_096;
    /** How long the folders must be quiet after a change before it is told: a save is often several writes. */
    static final Duration QUIET = Duration.ofMillis(100);
    /** How long a stream of changes is gathered at most before it is told all the same. */
    static final Duration LONGEST = Duration.ofSeconds(1);

    private final WatchService service;
    private final List<Path> roots;
    private final Set<Path> skipped;
    private final Consumer<String> warn;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private boolean warned;

    /**
     * @param roots   folders to watch, with those in them
     * @param skipped folders left out wherever they are, such as the state folder inside the posts folder
     * @param warn    told once when there are more folders than can be watched
     */
    FolderWatcher(List<Path> roots, Collection<Path> skipped, Consumer<String> warn) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.roots = List.copyOf(roots);
        this.skipped = Set.copyOf(skipped);
        this.warn = warn;
        for (Path root : roots) {
            register(root);
        }
    }

    private void register(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!roots.contains(dir) && (dir.getFileName().toString().startsWith(".") || skipped.contains(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (folders.size() >= MAX_FOLDERS && !folders.containsValue(dir)) {
                    if (!warned) {
                        warned = true;
                        warn.accept("more than " + MAX_FOLDERS + " folders to watch: changes in " + dir
                                + " and the folders after it are not seen; restart to see them");
                    }
                    return FileVisitResult.TERMINATE;
                }
                try {
                    folders.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                } catch (NoSuchFileException gone) {
                    // Deleted since it was listed: nothing in it to watch.
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A folder that cannot be read, or was deleted meanwhile: the build reports what matters of it.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Waits for a change, then until the folders are quiet for {@link #QUIET}, or {@link #LONGEST} at most.
     *
     * @return the roots something changed in
     */
    Set<Path> next() throws InterruptedException, IOException {
        Set<Path> changed = new HashSet<>();
        WatchKey key = service.take();
        long end = System.nanoTime() + LONGEST.toNanos();
        while (key != null) {
            take(key, changed);
            long left = Math.min(QUIET.toNanos(), end - System.nanoTime());
            key = left <= 0 ? null : service.poll(left, TimeUnit.NANOSECONDS);
        }
        return changed;
    }

    private void take(WatchKey key, Set<Path> changed) throws IOException {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (folder == null) {
                continue;
            }
            roots.stream().filter(folder::startsWith).forEach(changed::add);
            if (event.kind() == OVERFLOW) {
                // Events were lost, folders made among them too: look at the whole tree again.
                for (Path root : roots) {
                    register(root);
                }
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                register(child);
            }
        }
        if (!key.reset()) {
            folders.remove(key);
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
