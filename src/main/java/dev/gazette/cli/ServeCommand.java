package dev.gazette.cli;

import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.ClientCounts;
import dev.gazette.local.LocalServer;
import dev.gazette.local.OutboxMailer;
import dev.gazette.post.OneLine;
import dev.gazette.preview.LivePreview;
import dev.gazette.publish.CatalogIndex;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ClientLimit;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import dev.gazette.subscriber.WelcomeEmail;
import dev.gazette.web.SubscriptionApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gazette serve}: the site and the subscription endpoints, locally. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serves the site folder and the subscribe, confirm and unsubscribe endpoints on this machine only"
                    + " (127.0.0.1), with the subscribers kept in the state folder and the confirmation emails written"
                    + " to the outbox. Give a --site-url on this server, such as http://127.0.0.1:8080/, and every"
                    + " link in the emails points here; 'gazette publish' then mails the confirmed subscribers.",
            "With --watch --posts DIR, a live preview instead: the posts are published into a temporary folder and"
                    + " served, published again on every save of a post or template, and the open page reloads. The"
                    + " next digest, as a sample reader would get it, is at /_gazette/digest, and the posts that"
                    + " could not be published show over every page. The preview reads the state folder, never"
                    + " writes to it, and sends nothing.",
            "Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteOptions options;

    @Option(names = "--site", paramLabel = "DIR", description = "Folder the site was published to.")
    private Path site;

    @Option(names = "--watch", description = "Preview the posts folder while writing, instead of serving the site folder.")
    private boolean watch;

    @Option(names = "--posts", paramLabel = "DIR", description = "With --watch: the folder of posts to preview.")
    private Path posts;

    @Mixin
    private DigestOption digest;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--welcome-posts", paramLabel = "N", defaultValue = "3", description = "How many of the newest posts the welcome email lists, 0 to 20; 0 for none (default: ${DEFAULT-VALUE}).")
    private int welcomePosts;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
        }
        if (watch) {
            return preview();
        }
        if (site == null) {
            throw new IllegalArgumentException("give the folder the site was published to with --site DIR, or preview"
                    + " the posts folder with --watch --posts DIR");
        }
        if (posts != null) {
            throw new IllegalArgumentException("--posts is for --watch: serve the published site with --site DIR");
        }
        if (!Files.isDirectory(site)) {
            throw new IllegalArgumentException("the site folder " + site + " does not exist; run 'gazette publish' first");
        }
        options.checkLayout(site);
        Site config = options.site();
        Templates templates = options.templates();
        Tokens tokens = options.tokens();
        Path catalog = options.state.resolve("catalog.json");
        PostIndex index = new CatalogIndex(() -> CatalogFile.snapshot(catalog));
        WelcomeEmail welcome;
        try {
            welcome = new WelcomeEmail(config, templates, tokens, options.sender(config), index, welcomePosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--welcome-posts: " + e.getMessage(), e);
        }
        Subscriptions subscriptions = new Subscriptions(options.subscribers(Clock.systemUTC()), tokens,
                new ConfirmationEmail(config, templates, tokens, options.sender(config)),
                new OutboxMailer(options.outbox), welcome,
                new ClientLimit(new ClientCounts(), ClientLimit.DEFAULT_PER_HOUR));
        PrintWriter err = OneLine.writer(spec.commandLine().getErr());
        SubscriptionApi api = new SubscriptionApi(subscriptions, config, templates, Clock.systemUTC(),
                problem -> err.println("gazette serve: " + problem), index, null);
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalServer server = start(api, options.endpoint(config), err)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            PrintWriter out = spec.commandLine().getOut();
            String here = "http://127.0.0.1:" + server.port();
            out.println("Serving " + site + " at " + here + "/ and the subscription form at " + here + "/subscribe;"
                    + " emails go to " + options.outbox + "/. Ctrl-C stops.");
            if (!options.endpoint(config).equals(here)) {
                out.println("Links in emails point at " + options.endpoint(config) + ", not here: give --site-url "
                        + here + "/ to try them on this machine.");
            }
            out.flush();
            stopped.await();
        }
        return 0;
    }

    /** {@code --watch}: the live preview, until Ctrl-C. */
    private int preview() throws IOException, InterruptedException {
        if (posts == null) {
            throw new IllegalArgumentException("give the folder of posts to preview with --posts DIR");
        }
        if (site != null) {
            throw new IllegalArgumentException("--site is not used with --watch: the preview is published into a"
                    + " temporary folder, and the site folder stays as it is");
        }
        if (!Files.isDirectory(posts)) {
            throw new IllegalArgumentException("the posts folder " + posts + " does not exist");
        }
        options.templates();
        DigestComposer.Content content = digest.content();
        // The sender and title as the site URL makes them; the pages themselves link to the preview.
        if (options.siteUrl == null) {
            options.siteUrl = URI.create("https://example.com/");
        }
        if (options.title == null) {
            options.title = options.siteUrl.getHost();
        }
        String from = options.sender(options.site());
        Function<URI, Site> siteAt = url -> {
            options.siteUrl = url;
            return options.site();
        };
        PrintWriter err = OneLine.writer(spec.commandLine().getErr());
        LivePreview.Folders folders = new LivePreview.Folders(posts, options.templates, options.state,
                List.of(options.state, options.outbox));
        CountDownLatch stopped = new CountDownLatch(1);
        LivePreview preview;
        try {
            preview = new LivePreview(folders, new LivePreview.Looks(siteAt, from, content), port, line -> {
                err.println(line);
                err.flush();
            });
        } catch (BindException e) {
            throw new IOException("port " + port + " of 127.0.0.1 is taken; stop what uses it, or give another --port",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            preview.close();
            stopped.countDown();
        }));
        String here = "http://127.0.0.1:" + preview.port() + "/";
        PrintWriter out = spec.commandLine().getOut();
        out.println("Previewing " + posts + " at " + here + " (the next digest at " + here + "_gazette/digest);"
                + " every save is published there. Nothing is mailed. Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }

    private LocalServer start(SubscriptionApi api, String endpoint, PrintWriter err) throws IOException {
        try {
            return new LocalServer(site, api, endpoint, port, failure -> err.println("gazette serve: " + failure));
        } catch (BindException e) {
            throw new IOException("port " + port + " of 127.0.0.1 is taken; stop what uses it, or give another --port",
                    e);
        }
    }
}
