package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.Clients;
import dev.gazette.aws.DynamoSendingPause;
import dev.gazette.aws.Emulators;
import dev.gazette.doctor.DnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code gazette doctor} against the SES and SQS emulators and a DNS server on loopback. */
class DoctorCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int doctor(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void saysWhatIsWellWhatIsNotAndWhatCouldNotBeChecked() throws Exception {
        Emulators.start();
        SqsClient sqs = Clients.sqs();
        String failed = sqs.createQueue(request -> request.queueName("doctor-command-failed")).queueUrl();
        sqs.sendMessage(request -> request.queueUrl(failed).messageBody("{}"));
        String dead = sqs.createQueue(request -> request.queueName("doctor-command-dead")).queueUrl();
        try (DnsServer dns = new DnsServer("--txt-record=_dmarc.good.test,v=DMARC1; p=none")) {
            int exit = doctor("doctor", "--from", "Ada <news@good.test>", "--queue", failed, "--queue", dead,
                    "--dns-server", dns.address);
            String report = out.toString();
            assertEquals(1, exit, report + err);
            assertTrue(report.contains("OK       SES sandbox            production access"), report);
            assertTrue(report.contains("OK       DMARC                  _dmarc.good.test: v=DMARC1; p=none"), report);
            assertTrue(report.contains("WARNING  queue doctor-command-failed 1 message waits after failing"), report);
            assertTrue(report.contains("OK       queue doctor-command-dead empty"), report);
            assertTrue(report.contains("UNKNOWN  bounce reports         could not check: no --configuration-set given"),
                    report);
            assertTrue(report.contains("UNKNOWN  digest sending         could not check: no --table given"), report);
        }
        try (DnsServer dns = new DnsServer()) {
            doctor("doctor", "--from", "news@bad.test", "--dns-server", dns.address);
            assertTrue(out.toString().contains("PROBLEM  DMARC                  no DMARC record for bad.test"),
                    out.toString());
        }
    }

    @Test
    void aTxtValueIsPrintedOnItsLineWithoutItsControlCharacters() throws Exception {
        Emulators.start();
        try (DnsServer dns = new DnsServer("--txt-record=_dmarc.odd.test,v=DMARC1; p=none\nOK       forged\u001b[2J")) {
            doctor("doctor", "--from", "news@odd.test", "--dns-server", dns.address);

            String report = out.toString();
            assertTrue(report.contains("_dmarc.odd.test: v=DMARC1; p=none\\nOK       forged\\u001B[2J"), report);
            assertTrue(report.lines().noneMatch(line -> line.startsWith("OK       forged")), report);
            assertTrue(report.chars().noneMatch(c -> c == 0x1b), report);
        }
    }

    @Test
    void whatToDoIsPrintedOnALineOfItsOwnUnderWhatWasFound() throws Exception {
        Emulators.start();
        try (DnsServer dns = new DnsServer()) {
            doctor("doctor", "--from", "news@bad.test", "--dns-server", dns.address);

            String report = out.toString();
            assertTrue(report.lines().anyMatch(line -> line.startsWith(" ".repeat(32) + "→ ")), report);
            assertFalse(report.contains("\\n"), report);
        }
    }

    @Test
    void withTheTableItReportsThePauseTheStackKeeps() throws Exception {
        String table = Emulators.start().createTable();
        DynamoSendingPause pause = new DynamoSendingPause(Clients.dynamoDb(), table);
        pause.pause("alarm BounceRate: bounce rate over 5%", Instant.parse("2026-11-28T06:15:00Z"));
        try (DnsServer dns = new DnsServer()) {
            doctor("doctor", "--from", "news@good.test", "--dns-server", dns.address, "--table", table);
            assertTrue(out.toString().contains("PROBLEM  digest sending         paused by the stack since"
                    + " 2026-11-28T06:15:00Z: alarm BounceRate: bounce rate over 5%"), out.toString());
            assertTrue(out.toString().contains("then 'gazette sends resume --table " + table + "'"), out.toString());

            pause.resume();
            out.getBuffer().setLength(0);
            doctor("doctor", "--from", "news@good.test", "--dns-server", dns.address, "--table", table);
            assertTrue(out.toString().contains("OK       digest sending         not paused in the table " + table),
                    out.toString());

            out.getBuffer().setLength(0);
            doctor("doctor", "--from", "news@good.test", "--dns-server", dns.address, "--table", table + "-gone");
            assertTrue(out.toString().contains("UNKNOWN  digest sending         could not check: there is no DynamoDB"
                    + " table " + table + "-gone"), out.toString());
        }
    }

    @Test
    void aSenderThatIsNotAnAddressIsAUsageError() {
        assertEquals(Main.USAGE, doctor("doctor", "--from", "not an address"));
        assertTrue(err.toString().contains("--from \"not an address\" is not an email address"), err.toString());
    }
}
