package dev.gazette.cli;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoKeys;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.SesMailer;
import dev.gazette.local.OutboxMailer;
import dev.gazette.mail.Mailer;
import dev.gazette.post.OneLine;
import dev.gazette.site.Site;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.SubscriberCsv;
import dev.gazette.subscriber.SubscriberImport;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** {@code gazette subscribers}: the list, from the command line, local or in the stack's table. */
@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = "Imports, exports and removes subscribers: those of the state folder, or with --table those of"
                + " the stack's DynamoDB table (with the AWS CLI's credentials and region).",
        subcommands = {SubscribersCommand.Import.class, SubscribersCommand.Export.class, SubscribersCommand.Remove.class})
final class SubscribersCommand {

    /** Where the list is: the state folder, or a table. */
    static final class Store {
        @Option(names = "--table", paramLabel = "NAME", description = "The stack's DynamoDB table, instead of the state folder.")
        String table;

        SubscriberStore open(SiteOptions options) {
            return table == null ? options.subscribers(Clock.systemUTC()) : new DynamoSubscribers(Clients.dynamoDb(), table);
        }

        /**
         * The signer of links: the state folder's, or the table's keys as the stack's functions find them (made
         * there if none yet; a secret given with --unsubscribe-secret is then the stack's old one, kept as the legacy
         * key).
         */
        Tokens tokens(SiteOptions options) throws IOException {
            return table == null ? options.tokens()
                    : new Tokens(new DynamoKeys(Clients.dynamoDb(), table).loadOrCreate(options.givenSecret()));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Adds the subscribers of a CSV file with the header email,name. With --confirmed they are on"
                    + " the list at once, for readers who opted in elsewhere; without it each gets a confirmation email"
                    + " (locally into the outbox, with --table through SES). Addresses already on the list keep their"
                    + " state: an import never brings back a reader who left. Each rejected row is reported with its"
                    + " line, and each confirmation email that was not sent; importing the file again sends those.")
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private SiteOptions options;

        @Mixin
        private Store store;

        @Parameters(paramLabel = "FILE.csv", description = "The subscribers, with the header email,name.")
        private Path file;

        @Option(names = "--confirmed", description = "They opted in elsewhere: put them on the list without a confirmation email.")
        private boolean confirmed;

        @Option(names = "--configuration-set", paramLabel = "NAME",
                description = "With --table: the stack's SES configuration set (STACK-digest), through which bounces of the confirmation emails reach the stack.")
        private String configurationSet;

        @Override
        public Integer call() throws IOException {
            if (!confirmed && store.table != null) {
                checkStackOptions();
            }
            SubscriberCsv.Result rows = SubscriberCsv.read(file);
            SubscriberStore subscribers = store.open(options);
            Instant now = Clock.systemUTC().instant();
            SubscriberImport.Outcome outcome = confirmed
                    ? SubscriberImport.confirmed(subscribers, rows.subscribers(), now)
                    : SubscriberImport.invited(invitations(subscribers), rows.subscribers(),
                            options.endpoint(options.site()), now);
            report(rows, outcome);
            return rows.problems().isEmpty() && outcome.notSent().isEmpty() ? 0 : Main.REJECTED;
        }

        private void report(SubscriberCsv.Result rows, SubscriberImport.Outcome outcome) {
            PrintWriter err = OneLine.writer(spec.commandLine().getErr());
            rows.problems().forEach(err::println);
            outcome.notSent().forEach(address -> err.println(file + ": the confirmation email to " + address
                    + " was not sent (the mail service refused it or failed); import the file again to retry"));
            int total = rows.subscribers().size() + rows.problems().size();
            spec.commandLine().getOut().println(total + (total == 1 ? " row: " : " rows: ") + outcome.added()
                    + (confirmed ? " added" : " invited (a confirmation email each)") + ", " + outcome.kept()
                    + " already on the list (kept as they were), "
                    + (confirmed ? "" : outcome.notSent().size() + " not sent, ") + rows.problems().size() + " rejected");
        }

        private Subscriptions invitations(SubscriberStore subscribers) throws IOException {
            Site site = options.site();
            Mailer mailer = store.table == null ? new OutboxMailer(options.outbox) : stackMailer();
            Tokens tokens = store.tokens(options);
            return new Subscriptions(subscribers, tokens,
                    new ConfirmationEmail(site, options.templates(), tokens, options.sender(site)), mailer);
        }

        /**
         * SES as the stack mails: links signed with the stack's keys to the stack's endpoint, bounces reported
         * through its configuration set, at the account's rate. A local endpoint would make links that go nowhere.
         */
        private Mailer stackMailer() {
            SesV2Client ses = Clients.ses();
            return new SesMailer(ses, Clients.dynamoDb(), store.table, configurationSet, Clock.systemUTC(),
                    new Pacer(ses.getAccount(request -> { }).sendQuota().maxSendRate()));
        }

        private void checkStackOptions() {
            if (options.endpoint == null || configurationSet == null) {
                throw new IllegalArgumentException("to invite readers of the stack's table, give the stack's"
                        + " --endpoint (its site URL's origin) and --configuration-set (STACK-digest), so that the"
                        + " links work and bounces are handled; or import with --confirmed");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every subscriber as CSV (email,name,status,created,changed,reason), suppressed and"
                    + " unsubscribed ones too, to standard output or a file.")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private SiteOptions options;

        @Mixin
        private Store store;

        @Option(names = "--output", paramLabel = "FILE.csv", description = "Write to this file instead of standard output.")
        private Path output;

        @Override
        public Integer call() throws IOException {
            if (output == null) {
                SubscriberCsv.write(spec.commandLine().getOut(), store.open(options).all());
                return 0;
            }
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                SubscriberCsv.write(writer, store.open(options).all());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Forgets an address altogether, as its owner may ask. To stop mailing someone and remember"
                    + " it, let them unsubscribe instead.")
    static final class Remove implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private SiteOptions options;

        @Mixin
        private Store store;

        @Parameters(paramLabel = "ADDRESS", description = "The email address.")
        private String address;

        @Override
        public Integer call() throws IOException {
            String normalised = EmailAddress.normalise(address)
                    .orElseThrow(() -> new IllegalArgumentException("\"" + address + "\" is not an email address"));
            boolean removed = store.open(options).remove(normalised);
            spec.commandLine().getOut().println(removed ? "removed " + normalised : normalised + " is not on the list");
            return removed ? 0 : Main.REJECTED;
        }
    }
}
