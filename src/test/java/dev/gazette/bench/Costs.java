package dev.gazette.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one digest costs on AWS, from the measured durations and the public on-demand prices (us-east-1, arm64
 * Lambda at 1 GB as the template deploys it).
 */
final class Costs {
    private static final double LAMBDA_GB_SECOND = 0.0000133334;
    private static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    private static final double SQS_REQUEST = 0.40 / 1_000_000;
    private static final double DYNAMO_WRITE = 0.625 / 1_000_000;
    private static final double DYNAMO_READ = 0.125 / 1_000_000;
    private static final double SES_EMAIL = 0.10 / 1_000;
    /** SES's sending rate for a new production account; senders wait out the rest of each second, billed. */
    private static final double ACCOUNT_RATE = 14;
    private static final int BATCH = 50;

    private Costs() {
    }

    static void estimate(Report report, DigestBench.Result digests, PacingBench.Result pacing,
                         ColdStartBench coldStart) {
        report.heading2("Cost of one digest");
        // Each message: compose (measured), then its send; a sender paced to the account's rate waits between
        // sends, and Lambda bills the wait: at most the larger of the send itself and its slot.
        double composeSeconds = 1 / digests.oneThread();
        double sendSeconds = Math.max(pacing.sendMillis() / 1000, 1 / ACCOUNT_RATE);
        double lambdaPerMessage = (composeSeconds + sendSeconds) * 1.0 * LAMBDA_GB_SECOND;
        List<List<String>> rows = new ArrayList<>();
        for (int subscribers : new int[] {1_000, 10_000, 100_000}) {
            int batches = (subscribers + BATCH - 1) / BATCH;
            double lambda = subscribers * lambdaPerMessage + batches * LAMBDA_REQUEST;
            double sqs = batches * 3 * SQS_REQUEST;
            // Per message: the send record claimed and completed (2 writes), read first and checked (2 reads).
            double dynamo = subscribers * (2 * DYNAMO_WRITE + 2 * DYNAMO_READ);
            double ses = subscribers * SES_EMAIL;
            rows.add(List.of(Report.number(subscribers, 0), dollars(lambda), dollars(sqs), dollars(dynamo), "$0",
                    dollars(lambda + sqs + dynamo), dollars(ses)));
        }
        report.line(String.format(java.util.Locale.ROOT, "Per message: %.2f ms composing (measured), and the send's"
                + " slot at the account's rate of %.0f/s (%.0f ms, longer than the %.1f ms a send itself took on the"
                + " emulators), billed as Lambda time at 1 GB on arm64. SQS: a send, a receive and a delete per batch of"
                + " %d. DynamoDB: two writes and two reads per message. S3: a digest reads and writes nothing there."
                + " Prices: public on-demand, us-east-1.", composeSeconds * 1000, ACCOUNT_RATE, 1000 / ACCOUNT_RATE,
                pacing.sendMillis(), BATCH));
        report.table(List.of("Subscribers", "Lambda", "SQS", "DynamoDB", "S3", "Gazette's share", "SES ($0.10 / 1,000)"),
                rows);
        report.line("Gazette's own share is a small fraction of SES's price; idle, the stack costs nothing but storage.");
    }

    private static String dollars(double amount) {
        return amount < 0.01 ? String.format(java.util.Locale.ROOT, "$%.4f", amount)
                : String.format(java.util.Locale.ROOT, "$%.2f", amount);
    }
}
