package dev.gazette.cli;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.SesMailer;
import dev.gazette.local.OutboxMailer;
import dev.gazette.mail.Mailer;
import dev.gazette.site.Site;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberCsv;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

        @Override
        public Integer call() throws IOException {
            SubscriberCsv.Result rows = SubscriberCsv.read(file);
            SubscriberStore subscribers = store.open(options);
            Instant now = Clock.systemUTC().instant();
            Subscriptions invitations = confirmed ? null : invitations(subscribers);
            String endpoint = confirmed ? null : options.endpoint(options.site());
            int added = 0;
            int kept = 0;
            List<String> notSent = new ArrayList<>();
            if (confirmed) {
                added = subscribers.createAll(rows.subscribers().stream()
                        .map(subscriber -> Subscription.confirmed(subscriber.email(), subscriber.name(), now)).toList());
                kept = rows.subscribers().size() - added;
            }
            for (Subscriber subscriber : confirmed ? List.<Subscriber>of() : rows.subscribers()) {
                switch (invitations.invite(subscriber, endpoint, now)) {
                    case INVITED -> added++;
                    case ALREADY_LISTED -> kept++;
                    case NOT_SENT -> notSent.add(file + ": the confirmation email to " + subscriber.email()
                            + " was not sent (the mail service refused it or failed); import the file again to retry");
                }
            }
            PrintWriter err = OneLine.writer(spec.commandLine().getErr());
            rows.problems().forEach(err::println);
            notSent.forEach(err::println);
            int total = rows.subscribers().size() + rows.problems().size();
            spec.commandLine().getOut().println(total + (total == 1 ? " row: " : " rows: ") + added
                    + (confirmed ? " added" : " invited (a confirmation email each)") + ", " + kept
                    + " already on the list (kept as they were), " + (confirmed ? "" : notSent.size() + " not sent, ")
                    + rows.problems().size() + " rejected");
            return rows.problems().isEmpty() && notSent.isEmpty() ? 0 : Main.REJECTED;
        }

        private Subscriptions invitations(SubscriberStore subscribers) throws IOException {
            Site site = options.site();
            Mailer mailer = store.table == null ? new OutboxMailer(options.outbox)
                    : new SesMailer(Clients.ses(), Clients.dynamoDb(), store.table, "", Clock.systemUTC(), new Pacer(0));
            return new Subscriptions(subscribers, options.tokens(),
                    new ConfirmationEmail(site, options.templates(), options.tokens(), options.sender(site)), mailer);
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
            Writer writer = output == null ? spec.commandLine().getOut() : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
            SubscriberCsv.write(writer, store.open(options).all());
            if (output != null) {
                writer.close();
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
