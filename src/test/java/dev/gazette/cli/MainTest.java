package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The command line builds only the subcommand it runs, and still lists, helps with and suggests every one. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aCommandLineBuildsOnlyTheSubcommandItNames() {
        assertEquals(Set.of("publish"), Main.commandLine("publish", "--posts", "posts").getSubcommands().keySet());
    }

    @Test
    void eachSubcommandIsListedByTheNameItsAnnotationGives() {
        Main.commandLine("--help").getSubcommands().forEach((name, command) -> assertEquals(name,
                command.getCommandSpec().userObject().getClass().getAnnotation(Command.class).name()));
    }

    @Test
    void helpListsEverySubcommand() {
        assertEquals(0, run("--help"));

        for (String command : List.of("publish", "serve", "subscribers", "doctor", "sends", "secret", "help")) {
            assertTrue(out.toString().contains("\n  " + command + " "), command + " in\n" + out);
        }
    }

    @Test
    void theHelpCommandHelpsWithAnother() {
        assertEquals(0, run("help", "publish"));

        assertTrue(out.toString().startsWith("Usage: gazette publish "), out.toString());
    }

    /** Printed without building the command line, as picocli prints it, for either option. */
    @Test
    void theVersionIsWhatPicocliWouldPrint() {
        StringWriter picocli = new StringWriter();
        Main.commandLine("--help").setOut(new PrintWriter(picocli, true)).execute("--version");

        for (String option : List.of("--version", "-V")) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(option));
            assertEquals(picocli.toString(), out.toString());
        }
        assertEquals("gazette (development build)", out.toString().strip());
    }

    /** Beside another option, picocli decides: help comes first. */
    @Test
    void theVersionOptionBesideAnotherIsPicocli() {
        assertEquals(0, run("--version", "--help"));

        assertTrue(out.toString().startsWith("Usage: gazette "), out.toString());
    }

    @Test
    void aMistypedSubcommandIsMatchedAgainstAll() {
        assertEquals(Main.USAGE, run("publsh"));

        assertTrue(err.toString().contains("Did you mean: gazette publish"), err.toString());
    }
}
