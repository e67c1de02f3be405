package dev.gazette.local;

import dev.gazette.publish.Change;
import dev.gazette.publish.SiteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/** The site as a folder on disk. */
public final class SiteFolder implements SiteFiles {
    /** What the system says of a name or path over its limits (ENAMETOOLONG). */
    private static final String TOO_LONG = "File name too long";
    /** Linux's limits, as most file systems have them. */
    private static final int NAME_BYTES = 255;
    private static final int PATH_BYTES = 4096;
    private final Path root;

    public SiteFolder(Path root) {
        this.root = RealPath.of(root);
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

    /** Streams the file to the site, so a file of any size takes a buffer's worth of memory. */
    @Override
    public boolean copy(String path, Change.Content content) throws IOException {
        Path file = resolve(path);
        try (InputStream in = content.open()) {
            return AtomicFiles.copy(in, file);
        } catch (FileSystemException e) {
            if (TOO_LONG.equals(e.getReason())) {
                // That file's error: the others, with shorter paths, are still published.
                throw new Change.Unreadable(String.format(Locale.ROOT, "cannot be written to the site: %s is longer"
                        + " than the file system allows (%,d bytes a name, %,d a path); give it a shorter name, or put"
                        + " it in a folder less deep", file, NAME_BYTES, PATH_BYTES));
            }
            throw e;
        }
    }

    /**
     * Deletes the temporary files a run stopped short (killed, the power cut) left in the site folder, and only
     * those, by Gazette's own naming: a sync of the folder would publish them. The folder is looked through only
     * when {@code unfinished} tells that the last run did not finish, and is then made for this one: a run deletes
     * it when done. Call it while holding the run's lock, so that no run is writing.
     */
    public void removeLeftovers(Path unfinished) throws IOException {
        if (Files.exists(unfinished) && Files.isDirectory(root)) {
            removeLeftovers();
        }
        AtomicFiles.write(unfinished, new byte[0]);
    }

    private void removeLeftovers() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && AtomicFiles.isTemporary(file)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Left for the write that meets it to tell: a leftover is no reason to stop.
                return FileVisitResult.CONTINUE;
            }
        });
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

    private Path resolve(String path) throws IOException {
        Path file;
        try {
            file = root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            // Java names files in the locale's encoding, and cannot change it once started.
            throw new FileSystemException(root + "/" + path, null, "a name that this locale's encoding ("
                    + System.getProperty("sun.jnu.encoding") + ") cannot write; run Gazette with a UTF-8 locale,"
                    + " such as LANG=C.UTF-8");
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("\"" + path + "\" is not a file inside the site folder " + root);
        }
        return file;
    }
}
