package dev.gazette.local;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What a failed file operation means to the user: which file, what is wrong with it, and what to do. The JDK's own
 * messages name the temporary file or none at all ({@code Is a directory}, {@code No space left on device}).
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** The whole story: {@code /site/index.html is a folder, where a file is expected; move it away}. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + e.getMessage();
        }
        if (!(e instanceof FileSystemException failure) || failure.getFile() == null) {
            return reason(e);
        }
        Path file;
        Path other;
        try {
            file = Path.of(failure.getFile());
            other = failure.getOtherFile() == null ? null : Path.of(failure.getOtherFile());
        } catch (InvalidPathException notAName) {
            // A name this locale cannot write is no file to look at: as the failure tells it.
            return failure.getFile() + ": " + reason(e);
        }
        String reason = String.valueOf(failure.getReason());
        if (failure instanceof NotDirectoryException || reason.equals("Not a directory")
                || failure instanceof FileAlreadyExistsException && Files.isRegularFile(file)) {
            return fileInTheWay(file) + " is a file, where a folder is expected; move it away, or give another folder";
        }
        if (reason.equals("Is a directory")) {
            // A rename names the temporary file first and the one it replaces second.
            Path folder = other != null && Files.isDirectory(other) ? other : file;
            return folder + " is a folder, where a file is expected; move it away";
        }
        return (other != null ? other : file) + ": " + reason(e);
    }

    /** Only what is wrong and what to do, for a message that names the file already. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied; check the file's owner and permissions";
        }
        if (e instanceof FileSystemLoopException || e instanceof FileSystemException failure
                && String.valueOf(failure.getReason()).startsWith("Too many levels of symbolic links")) {
            return "symbolic links that lead round in a loop";
        }
        if (e instanceof CharacterCodingException) {
            return "not text in the encoding Gazette writes: damaged; restore it from a backup, or move it away";
        }
        String reason = e instanceof FileSystemException failure ? failure.getReason() : e.getMessage();
        if (reason == null) {
            return e.getClass().getSimpleName();
        }
        return switch (reason) {
            case "No space left on device", "Disk quota exceeded" ->
                    "no space left on the device; free some space and run again (files are written whole, so none"
                            + " was left half-written)";
            case "File too large" -> "larger than this system lets a file be (ulimit -f); raise the limit and run again";
            case "Read-only file system" -> "the file system is read-only; give a folder that can be written";
            case "Is a directory" -> "a folder, where a file is expected; move it away";
            case "Not a directory" -> "a file, where a folder is expected; move it away";
            default -> reason;
        };
    }

    /** The failure with the file named: the JDK names none when a read or write fails, as when the disk is full. */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException failure && failure.getFile() != null) {
            return e;
        }
        // A decoding error's own message ("Input length = 3") tells nothing.
        return new FileSystemException(file.toString(), null,
                e instanceof CharacterCodingException ? reason(e) : e.getMessage());
    }

    /** The nearest folder on the way to {@code path} that is really a file. */
    private static Path fileInTheWay(Path path) {
        for (Path step = path.toAbsolutePath(); step != null; step = step.getParent()) {
            if (Files.exists(step) && !Files.isDirectory(step)) {
                return step;
            }
        }
        return path;
    }
}
