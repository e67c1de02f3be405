package dev.gazette.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gazette}: the command line. Each job is a subcommand. */
@Command(name = "gazette", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Publishes Markdown posts as a site, RSS, Atom and JSON feeds, and email digests.",
        subcommands = {PublishCommand.class, ServeCommand.class, SubscribersCommand.class, SendsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
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
        return new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setOverwrittenOptionsAllowed(true)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("gazette: " + describe(e));
                    return e instanceof IllegalArgumentException ? USAGE : FAILED;
                })
                .execute(args);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or folder: " + message : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gazette " + (version == null ? "(development build)" : version)};
        }
    }
}
