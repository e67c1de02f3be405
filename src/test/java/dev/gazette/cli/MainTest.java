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
        assertEquals(Set.of(), Main.commandLine("--version").getSubcommands().keySet());
    }

    @Test
    void eachSubcommandIsListedByTheNameItsAnnotationGives() {
        Main.commandLine("--help").getSubcommands().forEach((name, command) -> assertEquals(name,
                command.getCommandSpec().userObject().getClass().getAnnotation(Command.class).name()));
    }

    @Test
    void helpListsEverySubcommand() {
        assertEquals(0, run("--help"));

        for (String command : List.of("publish", "serve", "subscribers", "doctor", "sends", "help")) {
            assertTrue(out.toString().contains("\n  " + command + " "), command + " in\n" + out);
        }
    }

    @Test
    void theHelpCommandHelpsWithAnother() {
        assertEquals(0, run("help", "publish"));

        assertTrue(out.toString().startsWith("Usage: gazette publish "), out.toString());
    }

    @Test
    void theVersionIsPrintedAlone() {
        assertEquals(0, run("--version"));

        assertEquals("gazette (development build)", out.toString().strip());
    }

    @Test
    void aMistypedSubcommandIsMatchedAgainstAll() {
        assertEquals(Main.USAGE, run("publsh"));

        assertTrue(err.toString().contains("Did you mean: gazette publish"), err.toString());
    }
}
