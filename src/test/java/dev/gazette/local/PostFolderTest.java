package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gazette.publish.Catalog;
import dev.gazette.publish.Change;
import dev.gazette.publish.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostFolderTest {
    private static final String POST = "---\ntitle: Hello\n---\nText.\n";

    @TempDir
    Path root;

    private Path posts;

    @BeforeEach
    void setUp() throws IOException {
        posts = Files.createDirectories(root.resolve("posts"));
        Files.writeString(posts.resolve("2024-05-01-hello.md"), POST);
    }

    /** A file of this size that takes no room on disk: its bytes are all zero until written. */
    private static Path sparse(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    private Change.Content content(PostFolder folder, String source) throws IOException {
        return folder.changes(folder.files(), Catalog.open(CatalogFile.open(root.resolve("catalog.json"))), false).stream()
                .filter(change -> change.source().equals(source)).findFirst().orElseThrow().content();
    }

    @Test
    void aFolderGivenAsASymbolicLinkIsTheFolderItPointsTo() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link"), posts);

        assertEquals(Set.of("2024-05-01-hello.md"), new PostFolder(link).files());
    }

    @Test
    void aVideoLargerThanTheFileLimitIsRefusedFromItsSizeWithoutBeingRead() throws IOException {
        sparse(posts.resolve("media/video.mp4"), 2_600_000_000L);
        PostFolder folder = new PostFolder(posts);

        Change.Unreadable refused = assertThrows(Change.Unreadable.class,
                () -> content(folder, "media/video.mp4").hash());

        assertEquals("the file is 2,600,000,000 bytes, over the 104,857,600 byte limit for a file beside the posts"
                + " (--max-file-size); make it smaller, or raise the limit", refused.getMessage());
    }

    @Test
    void aPostLargerThanThePostLimitIsRefusedFromItsSizeWithoutBeingRead() throws IOException {
        sparse(posts.resolve("2024-05-02-huge.md"), 2_600_000_000L);
        PostFolder folder = new PostFolder(posts);

        Change.Unreadable refused = assertThrows(Change.Unreadable.class,
                () -> content(folder, "2024-05-02-huge.md").read());
        assertEquals("the file is 2,600,000,000 bytes, over the 1,048,576 byte limit for a post (--max-post-size);"
                + " make it smaller, or raise the limit", refused.getMessage());
        assertThrows(Change.Unreadable.class, () -> folder.read("2024-05-02-huge.md"),
                "read again for a scheduled post, it is checked alike");
    }

    @Test
    void aFileThatGrowsPastItsLimitWhileReadIsCutOffAtTheLimit() throws IOException {
        Path image = Files.write(posts.resolve("image.png"), new byte[10]);
        PostFolder folder = new PostFolder(posts, null, List.of(), new PostFolder.Limits(1 << 20, 100));
        Change.Content content = content(folder, "image.png");

        try (InputStream in = content.open()) {
            Files.write(image, new byte[1000]);
            Change.Unreadable refused = assertThrows(Change.Unreadable.class, in::readAllBytes);
            assertEquals("the file grew past the 100 byte limit for a file beside the posts (--max-file-size) while"
                    + " it was read; make it smaller, or raise the limit", refused.getMessage());
        }
    }

    @Test
    void aFileWithinItsLimitIsStreamedWhole() throws IOException {
        byte[] bytes = new byte[300_000];
        bytes[299_999] = 7;
        Files.write(posts.resolve("image.png"), bytes);
        PostFolder folder = new PostFolder(posts, null, List.of(), new PostFolder.Limits(1 << 20, bytes.length));

        try (InputStream in = content(folder, "image.png").open()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void symbolicLinksAreFollowedOnlyToPublishedFilesInsideTheFolder() throws IOException {
        Path outside = Files.writeString(root.resolve("id_rsa"), "a private key");
        Path state = Files.createDirectories(posts.resolve(".gazette"));
        Files.writeString(state.resolve("secret"), "the unsubscribe secret");
        Files.createDirectories(posts.resolve("images"));
        Files.write(posts.resolve("images/cat.png"), new byte[] {1, 2, 3});
        Files.createSymbolicLink(posts.resolve("cat.png"), Path.of("images/cat.png"));
        Files.createSymbolicLink(posts.resolve("key.txt"), outside);
        Files.createSymbolicLink(posts.resolve("secret.txt"), state.resolve("secret"));
        Files.createSymbolicLink(posts.resolve("pictures"), posts.resolve("images"));
        Files.createSymbolicLink(posts.resolve("gone.png"), posts.resolve("nothing.png"));
        Files.createSymbolicLink(posts.resolve("loop.png"), posts.resolve("loop.png"));
        PostFolder folder = new PostFolder(posts, null, List.of(state), PostFolder.Limits.DEFAULT);

        Set<String> files = folder.files();

        assertEquals(Set.of("2024-05-01-hello.md", "cat.png", "images/cat.png"), files);
        try (InputStream in = content(folder, "cat.png").open()) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertEquals(List.of(
                new Report.Warning("gone.png", "a symbolic link that leads to no file: left out"),
                new Report.Warning("key.txt", "a symbolic link to " + outside.toRealPath() + ", outside the posts"
                        + " folder: left out, so that no file from elsewhere is published by mistake; copy it in"
                        + " instead"),
                new Report.Warning("loop.png", "a symbolic link that cannot be followed: symbolic links that lead"
                        + " round in a loop; left out"),
                new Report.Warning("pictures", "a symbolic link to the folder images: left out, since its files are"
                        + " published at their own paths"),
                new Report.Warning("secret.txt", "a symbolic link to .gazette/secret, which is not published (hidden,"
                        + " or one of Gazette's own folders): left out")),
                folder.warnings().stream().sorted((a, b) -> a.source().compareTo(b.source())).toList());
    }

    @Test
    void aLinkTurnedToPointOutsideAfterTheFolderWasListedIsNotRead() throws IOException {
        Files.writeString(posts.resolve("notes.txt"), "notes");
        Files.createSymbolicLink(posts.resolve("link.txt"), posts.resolve("notes.txt"));
        PostFolder folder = new PostFolder(posts);
        Change.Content content = content(folder, "link.txt");
        Files.delete(posts.resolve("link.txt"));
        Files.createSymbolicLink(posts.resolve("link.txt"), Files.writeString(root.resolve("private.txt"), "private"));

        assertThrows(Change.Unreadable.class, content::read);
        assertEquals(java.util.Optional.empty(), folder.read("link.txt"));
    }

    @Test
    void aStampFileThatIsAFolderIsNamed() throws IOException {
        Path stamps = Files.createDirectories(root.resolve("state/files.json"));
        PostFolder folder = new PostFolder(posts, stamps, List.of(), PostFolder.Limits.DEFAULT);

        IOException failure = assertThrows(IOException.class, folder::files);

        assertEquals(stamps + " is a folder, where a file is expected; move it away", FileErrors.describe(failure));
    }

    @Test
    void aPostsFolderThatIsAFileIsSaidToBeOne() throws IOException {
        Path file = Files.writeString(root.resolve("posts.txt"), POST, StandardCharsets.UTF_8);

        IOException failure = assertThrows(IOException.class, () -> new PostFolder(file).files());

        assertEquals(file.toRealPath() + " is a file, where a folder is expected; move it away, or give another"
                + " folder", FileErrors.describe(failure));
    }
    /** Runs a shell command in the posts folder, for what Java cannot make: named pipes, names that are not text. */
    private void shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).directory(posts.toFile()).inheritIO().start();
        assertEquals(0, process.waitFor(), command);
    }

    @Test
    void namedPipesAndLinksToThemOrToTheFolderItselfAreLeftOutAndSaidSo() throws Exception {
        shell("mkfifo pipe.md && ln -s pipe.md pipe-link.md && ln -s . self");
        PostFolder folder = new PostFolder(posts);

        Set<String> files = folder.files();

        assertEquals(Set.of("2024-05-01-hello.md"), files);
        assertEquals(List.of(
                new Report.Warning("pipe-link.md", "a symbolic link to pipe.md, which is not a file but a named pipe,"
                        + " a device or a socket: left out"),
                new Report.Warning("pipe.md", "not a file but a named pipe, a device or a socket: left out"),
                new Report.Warning("self", "a symbolic link to the posts folder itself: left out, since its files"
                        + " are published at their own paths")),
                folder.warnings().stream().sorted((a, b) -> a.source().compareTo(b.source())).toList());
    }

    @Test
    void aNamedPipePutInAFilesPlaceAfterTheListingIsNotOpened() throws Exception {
        Files.writeString(posts.resolve("notes.txt"), "notes");
        PostFolder folder = new PostFolder(posts);
        Change.Content content = content(folder, "notes.txt");
        shell("rm notes.txt && mkfifo notes.txt");

        Change.Unreadable refused = assertThrows(Change.Unreadable.class, content::read);

        // Told from the listing, and never opened: opening a pipe would wait for a writer for ever.
        assertEquals("the file went away while Gazette was reading the folder; run again", refused.getMessage());
    }

    @Test
    void aNameThatIsNotTextIsLeftOutWithWhyAndTheRestIsListed() throws Exception {
        // The byte 0xff is never part of UTF-8; in a folder of its own, and as a file's name.
        shell("mkdir \"$(printf 'bad\\377')\" && echo x > \"$(printf 'bad\\377')/in.png\""
                + " && echo x > \"$(printf 'photo\\377.png')\"");
        Files.writeString(posts.resolve("ok.png"), "x");
        PostFolder folder = new PostFolder(posts);

        Set<String> files = folder.files();

        assertEquals(Set.of("2024-05-01-hello.md", "ok.png"), files);
        List<Report.Warning> warnings = folder.warnings().stream()
                .sorted((a, b) -> a.source().compareTo(b.source())).toList();
        assertEquals(List.of("bad?", "photo?.png"), warnings.stream().map(Report.Warning::source).toList());
        for (Report.Warning warning : warnings) {
            assertEquals("its name is not valid UTF-8, so Gazette cannot open it: rename it; left out",
                    warning.message());
            // The name as told can be printed and made a path again, as the command line does.
            assertEquals(warning.source(), posts.relativize(posts.resolve(warning.source())).toString());
        }
    }
}
