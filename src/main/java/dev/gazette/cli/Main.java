package dev.gazette.cli;

import dev.gazette.local.FileErrors;
import dev.gazette.post.OneLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gazette}: the command line. Each job is a subcommand. */
@Command(name = "gazette", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Publishes Markdown posts as a site, RSS, Atom and JSON feeds, and email digests.",
        subcommands = {PublishCommand.class, ServeCommand.class, SubscribersCommand.class, DoctorCommand.class,
            SendsCommand.class, SecretCommand.class,
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
        try {
            return new CommandLine(new Main())
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
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gazette " + (version == null ? "(development build)" : version)};
        }
    }
}
