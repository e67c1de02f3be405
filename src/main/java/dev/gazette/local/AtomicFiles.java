package dev.gazette.local;

import dev.gazette.publish.Change;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Writes files whole: to a temporary file beside the target, then renamed over it. */
final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    /** Hidden, so neither {@code serve} nor a sync of the site folder takes one left by a crash for the site's. */
    private static final String TEMPORARY_PREFIX = ".gazette-";
    /** This version's temporary names, and the older {@code .name.<uuid>.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(gazette-|.+\\.)"
            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /** Whether a file is one of the temporary files this class names. */
    static boolean isTemporary(Path file) {
        return TEMPORARY.matcher(file.getFileName().toString()).matches();
    }

    static void write(Path file, byte[] content) throws IOException {
        replace(file, out -> out.write(content), false);
    }

    /**
     * Writes what {@code in} holds, a block at a time, unless the file already holds the same bytes.
     *
     * @return true when the file was written
     */
    static boolean copy(InputStream in, Path file) throws IOException {
        return replace(file, out -> {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        }, true);
    }

    /**
     * Creates a new file, and its folders when they are not there yet. The folders are made only then: most files
     * go into a folder that is there already, and asking first would cost a failed mkdir and a stat for each.
     */
    private static OutputStream create(Path file) throws IOException {
        try {
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        } catch (NoSuchFileException e) {
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        }
    }

    /** Writes a file's content to a stream. */
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static boolean replace(Path file, Body body, boolean unlessSame) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        // Not Files.createTempFile: its files are private to the owner, and a web server must read the site. A
        // short name, not one made from the file's: a name near the system's 255 bytes must still have one.
        Path temporary = folder.resolve(TEMPORARY_PREFIX + temporaryId() + ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = create(temporary)) {
                body.writeTo(out);
            } catch (Change.Unreadable e) {
                throw e;
            } catch (IOException e) {
                throw FileErrors.naming(file, e);
            }
            if (unlessSame && Files.isRegularFile(file) && Files.mismatch(temporary, file) < 0) {
                return false;
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * A random name in a UUID's form, which {@link #TEMPORARY} knows: unique enough, as the file is created only when
     * no file has its name, and cheaper than {@link UUID#randomUUID()}, whose secure random numbers a run writing a
     * thousand files would wait on.
     */
    private static String temporaryId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
