package dev.gazette.bench;

import dev.gazette.aws.Emulators;
import dev.gazette.lambda.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh JVM from its start to the first post published through the Publish handler, against the S3 and
 * DynamoDB emulators, next to a Java hello-world on the same machine.
 */
final class ColdStartBench {
    private static final int RUNS = 5;

    private final Path work;
    private final Report report;
    private double coldStart;
    private double coldStartTuned;
    private double hello;
    private long artifact;
    private long sdk;

    ColdStartBench(Path work, Report report) {
        this.work = work;
        this.report = report;
    }

    double ratio() {
        return coldStart / hello;
    }

    double artifactMb() {
        return artifact / 1024.0 / 1024.0;
    }

    void run() throws Exception {
        report.heading2("4. Cold start");
        Emulators emulators = Emulators.start();
        String posts = emulators.createBucket();
        Map<String, String> env = new HashMap<>();
        env.put(Config.SITE_URL, "https://blog.example.com/");
        env.put(Config.TITLE, "Benchmark");
        env.put(Config.POSTS_BUCKET, posts);
        env.put(Config.SITE_BUCKET, emulators.createBucket());
        env.put(Config.TABLE, emulators.createTable());
        env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        env.put("PATH", System.getenv("PATH"));
        List<String> properties = new ArrayList<>();
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlS3",
                "aws.endpointUrlDynamoDb", "aws.endpointUrlSqs", "aws.endpointUrlSesV2")) {
            properties.add("-D" + property + "=" + System.getProperty(property));
        }
        double[] total = new double[RUNS];
        double[] tuned = new double[RUNS];
        double[] init = new double[RUNS];
        double[] publish = new double[RUNS];
        double[] greeting = new double[RUNS];
        long classes = 0;
        try (S3Client s3 = emulators.s3Client()) {
            for (int run = 0; run < RUNS; run++) {
                String key = "2026-01-01-cold-start-" + run + ".md";
                s3.putObject(request -> request.bucket(posts).key(key), RequestBody.fromString(
                        "---\ntitle: Cold start " + run + "\n---\n\nA post published by a cold function.\n"));
                Path event = work.resolve("event-" + run + ".json");
                Files.writeString(event, Files.readString(Path.of("events", "s3-put.json"))
                        .replace("my-gazette-posts", posts).replace("2024-05-10-hello+world.md", key),
                        StandardCharsets.UTF_8);
                List<String> command = new ArrayList<>(List.of(Benchmarks.java()));
                command.addAll(properties);
                command.addAll(List.of("-cp", Benchmarks.jar() + ":target/test-classes", ColdStart.class.getName(),
                        event.toString()));
                Measure.Run result = Measure.process(command, Path.of(""), env);
                total[run] = result.seconds();
                init[run] = value(result.err(), "init-ms");
                publish[run] = value(result.err(), "first-publish-ms");
                classes = (long) value(result.err(), "classes");
                String tunedKey = "2026-01-01-cold-start-tuned-" + run + ".md";
                s3.putObject(request -> request.bucket(posts).key(tunedKey), RequestBody.fromString(
                        "---\ntitle: Cold start, tuned " + run + "\n---\n\nA post published by a cold function.\n"));
                Path tunedEvent = work.resolve("event-tuned-" + run + ".json");
                Files.writeString(tunedEvent, Files.readString(event).replace(key, tunedKey), StandardCharsets.UTF_8);
                List<String> tunedCommand = new ArrayList<>(List.of(Benchmarks.java(), "-XX:TieredStopAtLevel=1"));
                tunedCommand.addAll(command.subList(1, command.size() - 1));
                tunedCommand.add(tunedEvent.toString());
                tuned[run] = Measure.process(tunedCommand, Path.of(""), env).seconds();
                greeting[run] = Measure.process(List.of(Benchmarks.java(), "-cp", "target/test-classes",
                        Hello.class.getName()), Path.of(""), Map.of()).seconds();
            }
        }
        coldStart = Measure.median(total);
        coldStartTuned = Measure.median(tuned);
        hello = Measure.median(greeting);
        artifact = Files.size(Path.of(Benchmarks.jar()));
        try (ZipFile jar = new ZipFile(Benchmarks.jar())) {
            sdk = jar.stream().filter(entry -> entry.getName().startsWith("software/amazon/awssdk/"))
                    .mapToLong(ZipEntry::getCompressedSize).sum();
        }
        report.line("A fresh JVM per run, " + RUNS + " runs, medians. The handler is made as Lambda makes it (from its"
                + " environment), then handles an S3 notification of a new post: read from S3, catalog in DynamoDB,"
                + " page and feeds written to S3.");
        report.table(List.of("Measure", "Median"), List.of(
                List.of("JVM start to first post published (whole process)", Report.number(coldStart * 1000, 0) + " ms"),
                List.of("The same with `-XX:TieredStopAtLevel=1`", Report.number(coldStartTuned * 1000, 0) + " ms"),
                List.of("Handler initialisation alone", Report.number(Measure.median(init), 0) + " ms"),
                List.of("First publish, after initialisation", Report.number(Measure.median(publish), 0) + " ms"),
                List.of("Classes loaded", Report.number(classes, 0)),
                List.of("Java hello-world process, same machine", Report.number(hello * 1000, 0) + " ms"),
                List.of("Ratio to hello-world", Report.number(ratio(), 1) + "×"),
                List.of("Lambda artifact (target/gazette.jar)", Report.number(artifactMb(), 1) + " MB"),
                List.of("… of which the AWS SDK (S3, DynamoDB, SQS, SES v2 and their core)",
                        Report.number(sdk / 1024.0 / 1024.0, 1) + " MB")));
        report.line("In Lambda, SnapStart restores a snapshot taken after initialisation and priming, so neither the"
                + " initialisation nor most of the class loading above is paid on a cold start there.");
    }

    private static double value(String output, String name) {
        return Double.parseDouble(output.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " in: " + output))
                .substring(name.length() + 1));
    }
}
