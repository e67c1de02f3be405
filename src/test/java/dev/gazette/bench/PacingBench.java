package dev.gazette.bench;

import dev.gazette.aws.Clients;
import dev.gazette.aws.Emulators;
import dev.gazette.aws.Pacer;
import dev.gazette.aws.SesMailer;
import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The sender held to 50 messages a second for 30 seconds against the SES and DynamoDB emulators: its rate, and
 * the most messages in any one second, which must not go above the limit.
 */
final class PacingBench {
    private static final double LIMIT = 50;
    private static final long SECONDS = 30;
    private static final int UNPACED = 300;

    private PacingBench() {
    }

    /** @param sendMillis the time one send takes when nothing holds it back: its claim, SES call and record */
    record Result(double rate, int busiestSecond, double sendMillis) {
    }

    static Result run(Report report) throws Exception {
        report.heading2("6. Send pacing");
        Emulators emulators = Emulators.start();
        String table = emulators.createTable();
        try (SesV2Client ses = Clients.ses(); DynamoDbClient dynamo = Clients.dynamoDb()) {
            Mailer unpaced = new SesMailer(ses, dynamo, table, "", Clock.systemUTC(), new Pacer(0));
            long start = System.nanoTime();
            for (int i = 0; i < UNPACED; i++) {
                unpaced.send(email("warm-up", i));
            }
            double sendMillis = (System.nanoTime() - start) / 1e6 / UNPACED;

            Mailer paced = new SesMailer(ses, dynamo, table, "", Clock.systemUTC(), new Pacer(LIMIT));
            List<Long> sent = new ArrayList<>();
            long begin = System.nanoTime();
            long end = begin + SECONDS * 1_000_000_000L;
            for (int i = 0; System.nanoTime() < end; i++) {
                paced.send(email("paced", i));
                sent.add(System.nanoTime());
            }
            double elapsed = (sent.get(sent.size() - 1) - begin) / 1e9;
            double rate = sent.size() / elapsed;
            int busiest = busiestSecond(sent);
            emulators.clearSentEmails();
            report.line("One sender, its limit set to " + (int) LIMIT + " messages/s, sending for " + SECONDS + " s:"
                    + " each message claimed in DynamoDB, sent through SES, its message id recorded.");
            report.table(List.of("Measure", "Value"), List.of(
                    List.of("Messages sent", Report.number(sent.size(), 0)),
                    List.of("Rate", Report.number(rate, 2) + " /s (" + Report.number((rate / LIMIT - 1) * 100, 1)
                            + "% from the limit; target ±5%)"),
                    List.of("Most messages in any one second", busiest + " (limit " + (int) LIMIT + ")"),
                    List.of("One send with no pacing (claim, SES, record)", Report.number(sendMillis, 1) + " ms")));
            return new Result(rate, busiest, sendMillis);
        }
    }

    /** The most sends whose times fall within one second of each other. */
    private static int busiestSecond(List<Long> times) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= 1_000_000_000L) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static Email email(String campaign, int number) {
        return new Email("Benchmark <news@blog.example.com>", "reader" + number + "@example.com", null, "Pacing",
                "Text", "<p>Text</p>", Instant.EPOCH, campaign + "." + number + "@blog.example.com",
                Map.of("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), campaign);
    }
}
