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

    /**
     * Resolves the longest part of the path that exists as the system does, and only then removes the {@code ..} of
     * the rest: {@code link/..} is the folder above the link's target, not the folder the link is in.
     */
    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute.normalize();
        }
        try {
            // A real path holds no links, so the .. of the part not made yet can be removed as text.
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            // Not allowed to look: the path as given, which is how the system will open it.
            return absolute.normalize();
        }
    }
}
