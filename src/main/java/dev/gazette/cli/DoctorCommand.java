package dev.gazette.cli;

import dev.gazette.aws.Clients;
import dev.gazette.aws.SendingSetup;
import dev.gazette.doctor.Dns;
import dev.gazette.doctor.Doctor;
import dev.gazette.doctor.Facts;
import dev.gazette.doctor.Finding;
import dev.gazette.doctor.Observed;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gazette doctor}: what stands between the digest and the inbox, from SES and DNS. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks the AWS sending setup (with the AWS CLI's credentials and region): the SES sandbox,"
                + " quotas, the sending domain, DKIM, MAIL FROM (SPF), DMARC, bounce reports, the stack's own"
                + " pause of digest sending and the failure queues. Exit code 0 when all is well, 1 when something needs doing.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS",
            description = "The digest's sender, as deployed (SenderAddress).")
    private String from;

    @Option(names = "--configuration-set", paramLabel = "NAME",
            description = "The stack's SES configuration set: STACK-digest.")
    private String configurationSet;

    @Option(names = "--queue", paramLabel = "URL",
            description = "A failure queue to look into: the FailedEventsUrl and DigestDeadLetterQueueUrl outputs.")
    private List<String> queues = new ArrayList<>();

    @Option(names = "--table", paramLabel = "NAME",
            description = "The stack's DynamoDB table, to check whether the stack itself paused the sending of"
                    + " digests (the bounce and complaint alarms, or 'gazette sends pause').")
    private String table;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT", defaultValue = "",
            description = "The DNS server to ask; the system's by default.")
    private String dnsServer;

    @Override
    public Integer call() {
        String domain = domainOf(from);
        SendingSetup setup = new SendingSetup(Clients.ses(), Clients.sqs());
        Observed<Facts.Identity> identity = setup.identity(domain);
        Facts facts = new Facts(domain, setup.region(), setup.account(), identity,
                configurationSet == null ? Observed.unknown("no --configuration-set given")
                        : setup.configurationSet(configurationSet),
                table == null ? Observed.unknown("no --table given")
                        : SendingSetup.stackPause(Clients.dynamoDb(), table),
                setup.waiting(queues), new Dns(dnsServer).lookUp(Doctor.dnsQueries(domain, identity.value())));
        List<Finding> findings = Doctor.examine(facts);
        findings.forEach(spec.commandLine().getOut()::println);
        return Doctor.allWell(findings) ? 0 : Main.REJECTED;
    }

    private static String domainOf(String sender) {
        try {
            String address = new InternetAddress(sender, true).getAddress();
            return IDN.toASCII(address.substring(address.lastIndexOf('@') + 1)).toLowerCase(Locale.ROOT);
        } catch (AddressException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--from \"" + sender + "\" is not an email address such as"
                    + " 'Ada <news@example.com>'");
        }
    }
}
