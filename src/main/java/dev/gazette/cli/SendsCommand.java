package dev.gazette.cli;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoSendRecords;
import dev.gazette.aws.DynamoSendingPause;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.SqsDigestQueue;
import dev.gazette.post.OneLine;
import dev.gazette.publish.SendingPause;
import dev.gazette.publish.UncertainSends;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gazette sends}: the digest emails of the stack whose outcome is unknown, and settling them. */
@Command(name = "sends", mixinStandardHelpOptions = true,
        description = "Lists the digest emails of the stack that a sender claimed and could not tell whether SES"
                + " sent, and settles each one: marked sent, or released to be sent; pauses and resumes the sending"
                + " of digests. Works on the stack's DynamoDB table, with the AWS CLI's credentials and region.",
        subcommands = {SendsCommand.Uncertain.class, SendsCommand.MarkSent.class, SendsCommand.Release.class,
                SendsCommand.Pause.class, SendsCommand.Resume.class, SendsCommand.Status.class})
final class SendsCommand {

    /** The stack's table, where the send records are. */
    static final class Stack {
        @Option(names = "--table", required = true, paramLabel = "NAME", description = "The stack's DynamoDB table.")
        String table;

        UncertainSends sends() {
            return new UncertainSends(new DynamoSendRecords(Clients.dynamoDb(), table));
        }

        SendingPause pause() {
            return new DynamoSendingPause(Clients.dynamoDb(), table);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses the sending of digests: the Send function holds every batch on the queue, and"
                    + " sends nothing, until 'gazette sends resume'.")
    static final class Pause implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "paused by hand",
                description = "Why, for whoever resumes it (default: ${DEFAULT-VALUE}).")
        private String reason;

        @Override
        public Integer call() throws IOException {
            SendingPause pause = stack.pause();
            pause.pause(reason, Clock.systemUTC().instant());
            spec.commandLine().getOut().println(status(pause.current()));
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resumes the sending of digests. The batches held on the queue go out as their wait ends"
                    + " (within the hour); each reader still gets each digest once.")
    static final class Resume implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Override
        public Integer call() throws IOException {
            Optional<SendingPause.Pause> lifted = stack.pause().resume();
            spec.commandLine().getOut().println(lifted.isEmpty() ? "sending was not paused"
                    : "sending resumed; it was " + status(lifted).substring("sending is ".length()));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says whether the sending of digests is paused, since when and why.")
    static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Override
        public Integer call() throws IOException {
            spec.commandLine().getOut().println(status(stack.pause().current()));
            return 0;
        }
    }

    private static String status(Optional<SendingPause.Pause> pause) {
        return pause.map(p -> OneLine.of("sending is paused since " + p.since() + ": " + p.reason()))
                .orElse("sending is not paused");
    }

    @Command(name = "uncertain", mixinStandardHelpOptions = true,
            description = "Writes the uncertain sends as CSV (digest,address,claimed), oldest first. Without"
                    + " --digest it reads the whole table.")
    static final class Uncertain implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Option(names = "--digest", paramLabel = "ID", description = "Only this digest's sends.")
        private String digest;

        @Override
        public Integer call() throws IOException {
            List<UncertainSends.Send> sends = stack.sends().list(digest, Clock.systemUTC().instant());
            CSVPrinter csv = new CSVPrinter(spec.commandLine().getOut(), CSVFormat.DEFAULT.builder()
                    .setHeader("digest", "address", "claimed").setRecordSeparator('\n').build());
            for (UncertainSends.Send send : sends) {
                csv.printRecord(send.digest(), send.address(), send.claimed());
            }
            csv.flush();
            return 0;
        }
    }

    @Command(name = "mark-sent", mixinStandardHelpOptions = true,
            description = "Settles an uncertain send as gone out (SES's logs show it, or the reader has it): it is"
                    + " never sent again, and no longer listed.")
    static final class MarkSent implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Parameters(index = "0", paramLabel = "DIGEST", description = "The digest, as listed.")
        private String digest;

        @Parameters(index = "1", paramLabel = "ADDRESS", description = "The address, as listed.")
        private String address;

        @Override
        public Integer call() throws IOException {
            return report(spec, digest, address,
                    stack.sends().markSent(digest, address, Clock.systemUTC().instant()), "marked sent");
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Settles an uncertain send as never gone out: its claim is let go and the reader, if still"
                    + " subscribed, is put on the digest queue again, for the Send function to mail.")
    static final class Release implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Stack stack;

        @Option(names = "--queue", required = true, paramLabel = "URL",
                description = "The stack's digest queue (its DigestQueueUrl output).")
        private String queue;

        @Parameters(index = "0", paramLabel = "DIGEST", description = "The digest, as listed.")
        private String digest;

        @Parameters(index = "1", paramLabel = "ADDRESS", description = "The address, as listed.")
        private String address;

        @Override
        public Integer call() throws IOException {
            UncertainSends.Outcome outcome = stack.sends().release(digest, address, Clock.systemUTC().instant(),
                    new DynamoSubscribers(Clients.dynamoDb(), stack.table), new SqsDigestQueue(Clients.sqs(), queue));
            return report(spec, digest, address, outcome, "released and queued to be sent");
        }
    }

    private static int report(CommandSpec spec, String digest, String address, UncertainSends.Outcome outcome,
                              String settled) {
        String send = OneLine.of(digest + " to " + address);
        switch (outcome) {
            case SETTLED -> spec.commandLine().getOut().println(send + ": " + settled);
            case RELEASED_NOT_QUEUED -> spec.commandLine().getOut().println(send
                    + ": released, not queued: the address is no longer subscribed");
            case NOT_UNCERTAIN -> spec.commandLine().getErr().println("gazette: " + send
                    + " is not an uncertain send (see 'gazette sends uncertain')");
            case IN_FLIGHT -> spec.commandLine().getErr().println("gazette: " + send + " was claimed less than "
                    + UncertainSends.IN_FLIGHT.toMinutes() + " minutes ago and may still be sending; try again later");
        }
        return outcome == UncertainSends.Outcome.SETTLED || outcome == UncertainSends.Outcome.RELEASED_NOT_QUEUED
                ? 0 : Main.REJECTED;
    }
}
