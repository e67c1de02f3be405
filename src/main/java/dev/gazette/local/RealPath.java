package dev.gazette.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder's path with symbolic links resolved, so a folder given as a link is the folder it points to, and two
 * names of one folder compare equal. Of a folder not made yet, the part that exists is resolved.
 */
public final class RealPath {
    private RealPath() {
    }

    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            // Not allowed to look: the path as given, which is how the system will open it.
            return absolute;
        }
    }
}
