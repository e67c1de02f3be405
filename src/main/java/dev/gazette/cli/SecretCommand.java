package dev.gazette.cli;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoKeys;
import dev.gazette.local.SecretFile;
import dev.gazette.subscriber.KeySet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gazette secret}: the keys that sign subscription links, in the state folder or the stack's table. */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "The keys that sign the confirmation and unsubscribe links: those of the state folder, or with"
                + " --table those of the stack's DynamoDB table (with the AWS CLI's credentials and region).",
        subcommands = {SecretCommand.Rotate.class})
final class SecretCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Makes a new key that signs from now on. The key it replaces still verifies the links"
                    + " already sent for --keep-previous-days, then they stop working; keys retired already are"
                    + " dropped.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--state", paramLabel = "DIR", defaultValue = ".gazette",
                description = "Folder where Gazette keeps its state, and the keys in it (default: ${DEFAULT-VALUE}).")
        private Path state;

        @Option(names = "--table", paramLabel = "NAME", description = "The stack's DynamoDB table, instead of the state folder.")
        private String table;

        @Option(names = "--keep-previous-days", paramLabel = "DAYS", defaultValue = "400",
                description = "How long links signed with the replaced key keep working (default: ${DEFAULT-VALUE};"
                        + " 0 after a leak, to refuse them at once).")
        private int keepDays;

        @Override
        public Integer call() throws IOException {
            if (keepDays < 0) {
                throw new IllegalArgumentException("--keep-previous-days must be 0 or more, not " + keepDays);
            }
            Instant now = Clock.systemUTC().instant();
            Duration keep = Duration.ofDays(keepDays);
            KeySet keys = table == null ? SecretFile.rotate(state.resolve("secret"), now, keep)
                    : new DynamoKeys(Clients.dynamoDb(), table).rotate(now, keep);
            KeySet.Key previous = keys.keys().get(1);
            spec.commandLine().getOut().println("key " + keys.current().id() + " signs from now on; key "
                    + previous.id() + " verifies the links it signed until " + previous.retires());
            return 0;
        }
    }
}
