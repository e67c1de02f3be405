package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands the README gives are the ones that work. */
class ReadmeTest {
    private static final String JAR = "bin/gazette ";

    @TempDir
    Path folder;

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    /** The quick-start command, with its output folders moved into a temporary folder. */
    @Test
    void theQuickStartCommandPublishesTheExamples() throws IOException {
        String line = readme().lines().filter(l -> l.contains(JAR + "publish")).findFirst().orElseThrow();
        List<String> args = new ArrayList<>(words(line.substring(line.indexOf(JAR) + JAR.length())));
        args.addAll(List.of("--site", folder.resolve("site").toString(), "--state", folder.resolve("state").toString(),
                "--outbox", folder.resolve("outbox").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertEquals(0, exit, err.toString());
        assertEquals("5 posts: 4 new (1 draft); first run: published everything and emailed nothing"
                + " (later runs email new posts)", out.toString().strip());
        assertTrue(readme().contains(out.toString().strip()), "the README shows what the command prints");
        assertTrue(Files.exists(folder.resolve("site/feed.xml")));
    }

    @Test
    void theTestCommandIsTheOneCiRuns() throws IOException {
        Matcher block = Pattern.compile("## Tests\\s+```sh\\n(.+?)\\n```").matcher(readme());
        assertTrue(block.find());
        List<String> ci = Files.readAllLines(Path.of(".ci", "run"));
        assertEquals(block.group(1), ci.get(ci.size() - 1));
    }

    /** A writer who copies the README's Content-Security-Policy allows exactly the bundled form's script. */
    @Test
    void theScriptHashInTheReadmeIsTheBundledFormsScript() throws Exception {
        String script = Jsoup.parse(bundledForm()).selectFirst("script").data();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertTrue(readme().contains("script-src 'sha256-" + hash + "'"), "the README should give 'sha256-" + hash + "'");
    }

    /** The snippet for a blog of one's own sends the fields the bundled form sends, the honeypot included. */
    @Test
    void theReadmesFormSnippetHasTheBundledFormsFields() throws IOException {
        Matcher snippet = Pattern.compile("```html\\n(<form.+?</form>)\\n```", Pattern.DOTALL).matcher(readme());
        assertTrue(snippet.find());
        assertEquals(fields(bundledForm()), fields(snippet.group(1)));
    }

    private static String bundledForm() throws IOException {
        return Files.readString(Path.of("src/main/resources/dev/gazette/site/templates/subscribe.html.mustache"));
    }

    private static List<String> fields(String html) {
        return Jsoup.parse(html).select("form input").stream()
                .map(input -> input.attr("name") + " " + input.attr("type") + " " + input.attr("autocomplete")).toList();
    }

    /** Splits a shell command line at spaces outside double quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }
}
