package dev.gazette.cli;

import dev.gazette.local.FileErrors;
import dev.gazette.post.OneLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gazette}: the command line. Each job is a subcommand. */
@Command(name = "gazette", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Publishes Markdown posts as a site, RSS, Atom and JSON feeds, and email digests.")
public final class Main {
    /**
     * The subcommands, in the order help lists them. Picocli builds a command's model by reflection, a few tens
     * of milliseconds each: a command line builds only the one it names ({@link #commandLine}).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();
    private static final Set<String> VERSION = Set.of("--version", "-V");

    /** Some posts or rows were rejected; everything else was done. */
    static final int REJECTED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** The job could not run: unreadable files, a damaged state folder. */
    static final int FAILED = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line, printing to {@code out} and {@code err}, and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            // What picocli would print, without building its model: that took most of this command's time.
            out.println(Version.line());
            return 0;
        }
        try {
            return commandLine(args)
                    .setOut(out)
                    .setErr(err)
                    .setOverwrittenOptionsAllowed(true)
                    .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                        commandLine.getErr().println("gazette: " + OneLine.of(describe(e)));
                        return e instanceof IllegalArgumentException ? USAGE : FAILED;
                    })
                    .execute(args);
        } catch (OutOfMemoryError e) {
            // One post's is that post's error; this is the run's, as when a site outgrows the memory Java was given.
            err.println("gazette: ran out of memory (" + e.getMessage() + "); give Java more, such as java -Xmx2g"
                    + " -jar gazette.jar …, and run again: files are written whole, so none was left half-written");
            return FAILED;
        }
    }

    /**
     * Gazette's command line for these arguments: with only the subcommand they name, and every one otherwise
     * (help lists them all, and a mistyped name is matched against them all).
     */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            line.addSubcommand(first, SUBCOMMANDS.get(first));
        } else {
            SUBCOMMANDS.forEach(line::addSubcommand);
        }
        return line;
    }

    /**
     * By the names their {@code @Command} gives (MainTest holds them to it), not read from it here: reading the
     * annotations of all would take part of the time that building only one saves.
     */
    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        byName.put("publish", PublishCommand.class);
        byName.put("serve", ServeCommand.class);
        byName.put("subscribers", SubscribersCommand.class);
        byName.put("doctor", DoctorCommand.class);
        byName.put("sends", SendsCommand.class);
        byName.put("secret", SecretCommand.class);
        byName.put("help", CommandLine.HelpCommand.class);
        return byName;
    }

    private static String describe(Exception e) {
        if (e instanceof IOException failure) {
            return FileErrors.describe(failure);
        }
        if (e instanceof UncheckedIOException failure) {
            return FileErrors.describe(failure.getCause());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }

        static String line() {
            String version = Main.class.getPackage().getImplementationVersion();
            return "gazette " + (version == null ? "(development build)" : version);
        }
    }
}
