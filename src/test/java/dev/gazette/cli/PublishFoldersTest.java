package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gazette publish} on folders that are not what they seem: links, empty folders, files in the way. */
class PublishFoldersTest {
    @TempDir
    Path folder;

    private static String post(String title) {
        return "---\ntitle: " + title + "\n---\n\nThe text of " + title + ".\n";
    }

    private Blog blogOfThree() throws IOException {
        return new Blog(folder)
                .post("2024-05-01-one.md", post("One"))
                .post("2024-05-02-two.md", post("Two"))
                .post("2024-05-03-three.md", post("Three"));
    }

    /** A file of this size that takes no room on disk: its bytes are all zero until written. */
    private static Path sparse(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    @Test
    void aVideoOverTheFileLimitIsReportedAndTheRestIsPublished() throws Exception {
        Blog blog = blogOfThree();
        Path video = sparse(blog.posts.resolve("media/video.mp4"), 2_600_000_000L);

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(video + ": the file is 2,600,000,000 bytes, over the 104,857,600 byte limit for a file beside"
                + " the posts (--max-file-size); make it smaller, or raise the limit", run.err());
        assertTrue(run.out().startsWith("3 posts: 3 new, 1 error"), run.out());
        assertFalse(blog.onSite("media/video.mp4"));
    }

    @Test
    void aFileLargerThanMemoryIsCopiedAsAStream() throws Exception {
        Blog blog = blogOfThree();
        sparse(blog.posts.resolve("media/talk.mp4"), 64 << 20);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "publish",
                "--posts", blog.posts.toString(), "--site", blog.site.toString(), "--state", blog.state.toString(),
                "--site-url", "https://example.com/");
        Process gazette = new ProcessBuilder(command).redirectErrorStream(true).start();

        String output = new String(gazette.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, gazette.waitFor(), output);
        assertEquals(64 << 20, Files.size(blog.site.resolve("media/talk.mp4")), "copied whole with a heap of 24 MB");
    }

    @Test
    void aWriteThatFailsNamesTheFileTheSystemDidNot() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-long.md", post("Long") + "A long line. ".repeat(500));
        // A file size limit of 4 KiB for the process: the long post's page is larger, and its write fails as on a
        // full disk.
        String gazette = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", "'" + System.getProperty("java.class.path") + "'", Main.class.getName(),
                "publish", "--posts", "'" + blog.posts + "'", "--site", "'" + blog.site + "'",
                "--state", "'" + blog.state + "'", "--site-url", "https://example.com/", "--permalink", "/posts/:slug/");
        Process run = new ProcessBuilder("bash", "-c", "ulimit -f 4 && exec " + gazette).start();

        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertEquals(3, run.waitFor(), err);
        assertTrue(err.matches("gazette: " + blog.site + "/[a-z./]+: larger than this system lets a file be"
                + " \\(ulimit -f\\); raise the limit and run again"), err);
        try (var files = Files.walk(blog.site)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".tmp")).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aStateFileThatIsAFolderIsNamed() throws Exception {
        Blog blog = blogOfThree();
        Path lock = Files.createDirectories(blog.state.resolve("lock"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(3, run.exit());
        assertEquals("gazette: " + lock + " is a folder, where a file is expected; move it away", run.err());
    }

    @Test
    void stateFilesThatAreFoldersAreNamed() throws Exception {
        Blog blog = blogOfThree();
        for (String name : List.of("catalog.json", "subscribers.json", "files.json")) {
            Path file = Files.createDirectories(blog.state.resolve(name));

            Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

            assertEquals(3, run.exit());
            assertEquals("gazette: " + file + " is a folder, where a file is expected; move it away", run.err());
            Files.delete(file);
        }
    }

    @Test
    void aSubscriberListThatIsAFolderIsNamed() throws Exception {
        Blog blog = blogOfThree();
        Path list = Files.createDirectories(folder.resolve("readers.csv"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--subscribers", list.toString());

        assertEquals(3, run.exit());
        assertEquals("gazette: " + list + " is a folder, where a file is expected; move it away", run.err());
    }

    @Test
    void aStateFileThatIsNotUtf8IsNamed() throws Exception {
        Blog blog = blogOfThree();
        Path catalog = Files.write(Files.createDirectories(blog.state).resolve("catalog.json"),
                new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(3, run.exit());
        assertEquals("gazette: " + catalog + ": not text in the encoding Gazette writes: damaged; restore it from a"
                + " backup, or move it away", run.err());
    }

    @Test
    void aSiteFolderThatIsAFileIsNamed() throws Exception {
        Blog blog = blogOfThree();
        Files.writeString(blog.site, "not a folder");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(3, run.exit());
        assertEquals("gazette: " + blog.site + " is a file, where a folder is expected; move it away, or give another"
                + " folder", run.err());
    }

    @Test
    void aSitePageThatIsAFolderIsNamed() throws Exception {
        Blog blog = blogOfThree();
        Path index = Files.createDirectories(blog.site.resolve("index.html/stray"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(3, run.exit());
        assertEquals("gazette: " + index.getParent() + " is a folder, where a file is expected; move it away",
                run.err());
    }

    @Test
    void aFolderThatCannotBeReadIsNotTakenForDeleted() throws Exception {
        assumeFalse(System.getProperty("user.name").equals("root"), "root reads every folder");
        Blog blog = blogOfThree().post("2024/2024-05-04-four.md", post("Four"));
        blog.publish("2024-05-10T09:00:00Z");
        Path year = blog.posts.resolve("2024");
        Files.setPosixFilePermissions(year, PosixFilePermissions.fromString("---------"));
        try {
            Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

            assertEquals(0, run.exit(), run.err());
            assertEquals(year + ": warning: cannot be read, so it is left as it was on the site: permission denied;"
                    + " check the file's owner and permissions", run.err());
            assertTrue(blog.onSite("posts/four/index.html"));
        } finally {
            Files.setPosixFilePermissions(year, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFolderOfPostsMovedElsewhereAndLinkedBackStaysOnTheSite() throws Exception {
        Blog blog = blogOfThree().post("2023/2023-12-24-eve.md", post("Eve"));
        blog.publish("2024-05-10T09:00:00Z");
        Path moved = Files.move(blog.posts.resolve("2023"), folder.resolve("archive-2023"));
        Files.createSymbolicLink(blog.posts.resolve("2023"), moved);

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals(blog.posts.resolve("2023") + ": warning: a symbolic link to " + moved.toRealPath() + ", outside"
                + " the posts folder: left out, so that no file from elsewhere is published by mistake; copy it"
                + " in instead", run.err());
        assertTrue(blog.onSite("posts/eve/index.html"));
        assertTrue(blog.site("feed.xml").contains("<title>Eve</title>"));
    }

    @Test
    void thePostLimitCannotBeRaisedPastWhatMemoryHolds() throws Exception {
        Blog blog = blogOfThree();

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--max-post-size", "5000000000");

        assertEquals(2, run.exit());
        assertEquals("gazette: --max-post-size must be from 1 to 67108864 bytes (a post is read and rendered whole,"
                + " in memory), not 5000000000", run.err());
    }

    @Test
    void thePostsFolderGivenAsASymbolicLinkIsTheFolderItPointsTo() throws Exception {
        Blog blog = blogOfThree();
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        Path link = Files.createSymbolicLink(folder.resolve("posts-link"), blog.posts);

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z", "--posts", link.toString());

        assertEquals("3 posts: nothing changed", run.out());
        assertEquals(0, run.exit(), run.err());
        assertTrue(blog.onSite("posts/one/index.html"));
    }

    @Test
    void anEmptyPostsFolderDoesNotTakeTheSiteDown() throws Exception {
        Blog blog = blogOfThree();
        blog.publish("2024-05-10T09:00:00Z");
        Path empty = Files.createDirectories(folder.resolve("unmounted"));
        var before = blog.siteFiles();

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z", "--posts", empty.toString());

        assertEquals(3, run.exit());
        assertEquals("gazette: this run would take 3 of the 3 published posts off the site: their files are gone from"
                + " the posts folder " + empty.toRealPath() + ". Nothing was changed. Check that it is the right folder"
                + " and that it is all there; if these posts are meant to go, run again with --allow-mass-removal",
                run.err());
        assertEquals(before, blog.siteFiles());
        assertEquals("3 posts: nothing changed", blog.publish("2024-05-10T11:00:00Z").out(),
                "the state is as it was");
    }

    @Test
    void removingHalfThePostsIsAllowedAndMoreNeedsToBeConfirmed() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-four.md", post("Four"));
        blog.publish("2024-05-10T09:00:00Z");

        blog.delete("2024-05-01-one.md").delete("2024-05-02-two.md");
        assertEquals("2 posts: 2 removed", blog.publish("2024-05-10T10:00:00Z").out());

        blog.delete("2024-05-03-three.md").delete("2024-05-04-four.md");
        Blog.Run refused = blog.publish("2024-05-10T11:00:00Z");
        assertEquals(3, refused.exit());
        assertTrue(refused.err().startsWith("gazette: this run would take 2 of the 2 published posts off the site"),
                refused.err());
        assertTrue(blog.onSite("posts/four/index.html"));

        Blog.Run confirmed = blog.publish("2024-05-10T12:00:00Z", "--allow-mass-removal");
        assertEquals(0, confirmed.exit(), confirmed.err());
        assertEquals("0 posts: 2 removed", confirmed.out());
        assertFalse(blog.onSite("posts/four/index.html"));
    }

    @Test
    void theSiteFolderGivenAsALinkToThePostsFolderIsRefused() throws Exception {
        Blog blog = blogOfThree();
        Path link = Files.createSymbolicLink(folder.resolve("site-link"), blog.posts);

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--site", link.toString());

        assertEquals(2, run.exit());
        assertEquals("gazette: --site must be a folder of its own, not the posts folder " + blog.posts
                + " or a folder around it: the drafts and every raw post would be served with the site", run.err());
    }

    @Test
    void theStateFolderInsideThePostsFolderIsLeftOutWhenGivenThroughALink() throws Exception {
        Blog blog = blogOfThree();
        Path state = Files.createDirectories(blog.posts.resolve("_state"));
        Path link = Files.createSymbolicLink(folder.resolve("state-link"), state);

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--state", link.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.exists(state.resolve("catalog.json")));
        assertFalse(blog.onSite("_state/catalog.json"), "the state is not published");
    }
    @Test
    void aFileNamedUpToTheSystemsLimitIsPublished() throws Exception {
        Blog blog = blogOfThree();
        String name = "a".repeat(251) + ".png";
        Files.writeString(blog.posts.resolve(name), "x");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals("x", blog.site(name));
    }

    @Test
    void aFileWhosePathIsTooLongForTheSiteIsItsOwnError() throws Exception {
        Blog blog = blogOfThree();
        // Within the system's 4,096 bytes in the posts folder, over them in a site folder with a longer name.
        Path deep = blog.posts;
        while (deep.toString().length() < 3_900) {
            deep = deep.resolve("d".repeat(200));
        }
        Path file = Files.createDirectories(deep).resolve("f.png");
        Files.writeString(file, "x");
        Path site = folder.resolve("s".repeat(200));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--site", site.toString());

        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().startsWith(file + ": cannot be written to the site: " + site.toRealPath()),
                run.err());
        assertTrue(run.err().endsWith(" is longer than the file system allows (255 bytes a name, 4,096 a path);"
                + " give it a shorter name, or put it in a folder less deep"), run.err());
        assertTrue(run.out().startsWith("3 posts: 3 new, 1 error"), run.out());
        assertTrue(Files.exists(site.resolve("posts/one/index.html")));
    }
    /** Runs publish as under cron or systemd: no locale, so the system's names are read as ASCII. */
    private static Blog.Run publishWithoutLocale(Blog blog, String now) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "publish",
                "--posts", blog.posts.toString(), "--site", blog.site.toString(), "--state", blog.state.toString(),
                "--outbox", blog.outbox.toString(), "--site-url", "https://example.com/", "--now", now,
                "--permalink", "/posts/:slug/");
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        builder.environment().put("LC_ALL", "POSIX");
        Process gazette = builder.start();
        String out = new String(gazette.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(gazette.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Blog.Run(gazette.waitFor(), out.strip(), err.strip());
    }

    @Test
    void aNameOutsideASCIIWithoutAUTF8LocaleIsOneWarningAndTheRestIsPublished() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-café.md", post("Café"));

        Blog.Run run = publishWithoutLocale(blog, "2024-05-10T09:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals(blog.posts.resolve("2024-05-04-caf??.md") + ": warning: its name cannot be read in this locale's"
                + " encoding (US-ASCII), so Gazette cannot open it: run Gazette with a UTF-8 locale, such as"
                + " LANG=C.UTF-8, or rename it; left out", run.err());
        assertTrue(run.out().startsWith("3 posts: 3 new"), run.out());
        assertTrue(blog.onSite("posts/three/index.html"));
    }

    @Test
    void aSiteWithNamesOutsideASCIIIsNotTakenApartWithoutAUTF8Locale() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-café.md", post("Café"));
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        blog.post("2024-05-05-four.md", post("Four"));

        Blog.Run run = publishWithoutLocale(blog, "2024-05-10T10:00:00Z");

        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().endsWith(": a name that this locale's encoding (ANSI_X3.4-1968) cannot write; run"
                + " Gazette with a UTF-8 locale, such as LANG=C.UTF-8"), run.err());
        assertTrue(blog.onSite("posts/café/index.html"), "what was published stays");
    }

    @Test
    void aPostsFolderThatCannotBeReadTakesNothingOffTheSite() throws Exception {
        Blog blog = blogOfThree();
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        Files.setPosixFilePermissions(blog.posts, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(blog.posts), "the superuser reads any folder");

            Blog.Run run = blog.publish("2024-05-10T10:00:00Z", "--allow-mass-removal");

            assertEquals(3, run.exit(), run.err());
            assertEquals("gazette: " + blog.posts.toRealPath() + ": permission denied; check the file's owner and"
                    + " permissions", run.err());
            assertTrue(blog.onSite("posts/one/index.html"));
        } finally {
            Files.setPosixFilePermissions(blog.posts, PosixFilePermissions.fromString("rwx------"));
        }
    }
    @Test
    void postsMovedIntoAFolderAreNotAMassRemoval() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-four.md", post("Four"));
        blog.publish("2024-05-10T09:00:00Z");
        Path year = Files.createDirectories(blog.posts.resolve("2024"));
        for (String name : List.of("2024-05-01-one.md", "2024-05-02-two.md", "2024-05-03-three.md")) {
            Files.move(blog.posts.resolve(name), year.resolve(name));
        }
        // The fourth is edited as it moves: that one is a removal and a new post, and one of four is no mass removal.
        Files.writeString(year.resolve("2024-05-04-four.md"), post("Four, edited"));
        Files.delete(blog.posts.resolve("2024-05-04-four.md"));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(blog.onSite("posts/one/index.html"));
        assertTrue(blog.onSite("posts/four/index.html"));
    }

    @Test
    void movedPostsDoNotHideTheOnesThatAreGone() throws Exception {
        Blog blog = blogOfThree().post("2024-05-04-four.md", post("Four"));
        blog.publish("2024-05-10T09:00:00Z");
        Path year = Files.createDirectories(blog.posts.resolve("2024"));
        Files.move(blog.posts.resolve("2024-05-01-one.md"), year.resolve("2024-05-01-one.md"));
        blog.delete("2024-05-02-two.md").delete("2024-05-03-three.md").delete("2024-05-04-four.md");

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().startsWith("gazette: this run would take 3 of the 4 published posts off the site"),
                run.err());
    }
}
