package dev.gazette.local;

import dev.gazette.post.PostParser;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Change;
import dev.gazette.publish.Entry;
import dev.gazette.publish.PostFiles;
import dev.gazette.publish.Publisher;
import dev.gazette.publish.Report;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
    /** How the system's file names are told as text: the locale's encoding, when the JVM started. */
    private static final Charset JNU_ENCODING = jnuEncoding();

    private final Path root;
    private final Path stampFile;
    private final Set<Path> skipped;
    private final Limits limits;
    /** Symbolic links and unreadable files left out of this run, and why. */
    private final List<Report.Warning> warnings = new ArrayList<>();
    /** Files and folders left out that are not gone: what was published from them stays. */
    private final Set<String> unlisted = new TreeSet<>();
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

    /**
     * The largest files read, checked before reading: a post is read whole, so its limit is small; other files are
     * streamed, and theirs keeps a stray video or disk image off the site.
     */
    public record Limits(long postBytes, long fileBytes) {
        public static final Limits DEFAULT = new Limits(1 << 20, 100L << 20);
    }

    /** A posts folder read whole on every run. */
    public PostFolder(Path root) {
        this(root, null, List.of(), Limits.DEFAULT);
    }

    /**
     * A posts folder whose files are read again only when their size or time changed, as {@code make} and
     * {@code rsync} tell: what each was like is kept in {@code stampFile}. A folder given as a symbolic link is the
     * folder it points to.
     *
     * @param skipped folders left out wherever they are, such as the site folder when it is inside the posts
     */
    public PostFolder(Path root, Path stampFile, Collection<Path> skipped, Limits limits) {
        this.root = RealPath.of(root);
        this.stampFile = stampFile;
        this.skipped = skipped.stream().map(RealPath::of).collect(Collectors.toSet());
        this.limits = limits;
    }

    /** Every file of the folder, by path relative to it with {@code /} separators, in order. */
    public Set<String> files() throws IOException {
        if (!Files.isDirectory(root)) {
            throw Files.exists(root)
                    ? new NotDirectoryException(root.toString())
                    : new NoSuchFileException(root.toString(), null, "the posts folder does not exist");
        }
        Set<String> files = new TreeSet<>();
        warnings.clear();
        unlisted.clear();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (!published(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return nameCanBeRead(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!published(file) || !nameCanBeRead(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isSymbolicLink()) {
                    followLink(file, files);
                } else if (attributes.isRegularFile()) {
                    add(source(file), attributes, files);
                } else {
                    // Never opened: a named pipe would wait for a writer for ever.
                    leaveOut(source(file), "not a file but a named pipe, a device or a socket: left out");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    // Not a folder gone empty: nothing may be taken off the site for it.
                    throw FileErrors.naming(root, e);
                }
                // Each file on its own: one that cannot be looked at is reported, and the others are published.
                leaveOut(source(file), "cannot be read, so it is left as it was on the site: " + FileErrors.reason(e));
                return FileVisitResult.CONTINUE;
            }
        });
        loadStamps();
        return files;
    }

    /**
     * What the last {@link #files()} left out, each with why: symbolic links, followed only to a file inside the
     * posts folder so that no file from elsewhere (a key, a home folder) is published by mistake, and files or
     * folders that could not be read.
     */
    public List<Report.Warning> warnings() {
        return List.copyOf(warnings);
    }

    private void add(String source, BasicFileAttributes attributes, Set<String> files) {
        files.add(source);
        current.put(source, new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), null, 0));
    }

    /**
     * Takes a link in when it leads to a published file inside the folder. Any other is left out with a warning,
     * and what was published from its path stays as it was: a folder moved elsewhere and linked back is not deleted.
     */
    private void followLink(Path link, Set<String> files) {
        String source = source(link);
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            leaveOut(source, "a symbolic link that leads to no file: left out");
            return;
        } catch (IOException e) {
            leaveOut(source, "a symbolic link that cannot be followed: " + FileErrors.reason(e) + "; left out");
            return;
        }
        if (!target.startsWith(root)) {
            leaveOut(source, "a symbolic link to " + target + ", outside the posts folder: left out, so that no file"
                    + " from elsewhere is published by mistake; copy it in instead");
        } else if (!published(target)) {
            leaveOut(source, "a symbolic link to " + source(target) + ", which is not published (hidden, or one of"
                    + " Gazette's own folders): left out");
        } else if (Files.isDirectory(target)) {
            leaveOut(source, "a symbolic link to " + (target.equals(root) ? "the posts folder itself"
                    : "the folder " + source(target)) + ": left out, since its files are published at their own paths");
        } else if (!Files.isRegularFile(target)) {
            leaveOut(source, "a symbolic link to " + source(target) + ", which is not a file but a named pipe, a"
                    + " device or a socket: left out");
        } else {
            try {
                add(source, Files.readAttributes(target, BasicFileAttributes.class), files);
            } catch (IOException e) {
                leaveOut(source, "cannot be read, so it is left as it was on the site: " + FileErrors.reason(e));
            }
        }
    }

    /** A file or folder that is not read, and is not gone either. */
    private void leaveOut(String source, String why) {
        unlisted.add(source);
        warnings.add(new Report.Warning(source, why));
    }

    /**
     * Whether the system's name of a file can be told as text and back: a name that is not valid UTF-8, or not
     * ASCII when no UTF-8 locale is set (as under cron), comes back as another name, and no file has it. Such a
     * file is left out with a warning, and what was published from it stays.
     */
    private boolean nameCanBeRead(Path file) {
        try {
            if (file.resolveSibling(file.getFileName().toString()).equals(file)) {
                return true;
            }
        } catch (InvalidPathException e) {
            // The name as text cannot even be made a name again.
        }
        String encoding = JNU_ENCODING.name();
        leaveOut(source(file), JNU_ENCODING.equals(StandardCharsets.UTF_8)
                ? "its name is not valid UTF-8, so Gazette cannot open it: rename it; left out"
                : "its name cannot be read in this locale's encoding (" + encoding + "), so Gazette cannot open it:"
                        + " run Gazette with a UTF-8 locale, such as LANG=C.UTF-8, or rename it; left out");
        return false;
    }

    /** Whether a file or folder of the posts folder goes to the site: not hidden, not one of Gazette's own. */
    private boolean published(Path path) {
        if (Publisher.ignores(source(path))) {
            return false;
        }
        for (Path folder = path; folder != null && folder.startsWith(root); folder = folder.getParent()) {
            if (skipped.contains(folder)) {
                return false;
            }
        }
        return true;
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
            changes.add(Change.of(source, new FileContent(source)));
        }
        for (String source : catalog.sources()) {
            if (!files.contains(source) && !isUnlisted(source)) {
                changes.add(Change.removed(source));
            }
        }
        return changes;
    }

    /** Whether a source, or a folder it is in, was left out: a look-up per folder on its way, however many. */
    private boolean isUnlisted(String source) {
        if (unlisted.contains("")) {
            return true;
        }
        String seen = asListed(source);
        for (int slash = seen.indexOf('/'); slash >= 0; slash = seen.indexOf('/', slash + 1)) {
            if (unlisted.contains(seen.substring(0, slash))) {
                return true;
            }
        }
        return unlisted.contains(seen);
    }

    /**
     * A source as {@link #files()} lists it in this locale: a name published under a UTF-8 locale is listed with
     * {@code ?} for what this one cannot read, and must be kept, not taken for gone.
     */
    private static String asListed(String source) {
        return printable(new String(source.getBytes(StandardCharsets.UTF_8), JNU_ENCODING));
    }

    /** A name with {@code ?} for each part that could not be read, so it can be printed and made a path again. */
    private static String printable(String name) {
        return name.replace('\uFFFD', '?');
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
        } catch (IOException e) {
            throw FileErrors.naming(stampFile, e);
        } catch (JsonParseException e) {
            // Only a shortcut: without it, every file is read and compared by its content.
            previous.clear();
        }
    }

    private static Charset jnuEncoding() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** How many of {@code files} are posts. */
    public static long posts(Set<String> files) {
        return files.stream().filter(PostParser::isPost).count();
    }

    /** A post's content, as {@link FileContent} reads it; empty when it is gone or is no longer a post here. */
    @Override
    public Optional<byte[]> read(String source) throws IOException {
        if (file(source).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileContent(source).read());
    }

    /**
     * The file a source names, inside the folder and published: a link is followed only as {@link #files()} does,
     * checked again when read, since it may have changed meanwhile.
     */
    private Optional<Path> file(String source) {
        Path file;
        try {
            file = root.resolve(source).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!file.startsWith(root)) {
            return Optional.empty();
        }
        try {
            Path target = file.toRealPath();
            return target.startsWith(root) && published(target) && Files.isRegularFile(target)
                    ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * One file's content, read within its limit: its size is checked before it is read, and no more than the limit
     * is read, in case the file grows meanwhile. Whatever goes wrong is that file's {@link Change.Unreadable}.
     */
    private final class FileContent implements Change.Content {
        private final String source;
        private final long limit;
        private final String limitName;

        FileContent(String source) {
            this.source = source;
            boolean post = PostParser.isPost(source);
            this.limit = post ? limits.postBytes() : limits.fileBytes();
            this.limitName = post ? "a post (--max-post-size)" : "a file beside the posts (--max-file-size)";
        }

        @Override
        public byte[] read() throws IOException {
            return readHashed().content();
        }

        @Override
        public Change.Hashed readHashed() throws IOException {
            try (InputStream in = open()) {
                byte[] content = in.readAllBytes();
                String hash = Entry.hashOf(content);
                stamp(hash);
                return new Change.Hashed(content, hash);
            }
        }

        @Override
        public String hash() throws IOException {
            try (InputStream in = open()) {
                String hash = Entry.hashOf(in);
                stamp(hash);
                return hash;
            }
        }

        @Override
        public InputStream open() throws IOException {
            Path file = file(source).orElseThrow(() -> new Change.Unreadable(
                    "the file went away while Gazette was reading the folder; run again"));
            try {
                // The real path, not followed again: a link or a named pipe put there meanwhile is not opened.
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    throw new Change.Unreadable("the file was replaced by something else while Gazette was reading"
                            + " the folder; run again");
                }
                if (attributes.size() > limit) {
                    throw tooLarge(attributes.size());
                }
                return new LimitedInput(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
            } catch (Change.Unreadable e) {
                throw e;
            } catch (IOException e) {
                throw new Change.Unreadable("cannot read the file: " + FileErrors.reason(e));
            }
        }

        private Change.Unreadable tooLarge(long size) {
            return new Change.Unreadable(String.format(Locale.ROOT,
                    "the file is %,d bytes, over the %,d byte limit for %s; make it smaller, or raise the limit",
                    size, limit, limitName));
        }

        private Change.Unreadable grew() {
            return new Change.Unreadable(String.format(Locale.ROOT,
                    "the file grew past the %,d byte limit for %s while it was read; make it smaller, or raise the"
                            + " limit", limit, limitName));
        }

        private void stamp(String hash) {
            current.computeIfPresent(source, (name, stamp) -> new Stamp(stamp.size(), stamp.modified(), hash,
                    System.currentTimeMillis()));
        }

        /** Reads up to the limit, and fails past it; every failure is this file's. */
        private final class LimitedInput extends FilterInputStream {
            private long count;

            LimitedInput(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read;
                try {
                    read = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
                } catch (IOException e) {
                    throw new Change.Unreadable("cannot read the file: " + FileErrors.reason(e));
                }
                if (read > 0) {
                    count += read;
                    if (count > limit) {
                        throw grew();
                    }
                }
                return read;
            }
        }
    }

    private String source(Path file) {
        return printable(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
    }

}
