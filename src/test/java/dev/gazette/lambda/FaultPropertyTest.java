package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gazette.aws.DynamoSendRecords;
import dev.gazette.aws.DynamoSubscribers;
import dev.gazette.aws.Emulators;
import dev.gazette.aws.Faults;
import dev.gazette.publish.DigestQueue;
import dev.gazette.publish.UncertainSends;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A digest to a few hundred readers, with one fault at a random AWS call of Publish, Digest or Send: a refused
 * connection (once, or for the rest of that invocation), a 500 for a call the service applied, or the function
 * killed before or after a call. The system then recovers as it would on AWS: Lambda retries a failed Publish or
 * Digest twice (a third failure goes to FailedEvents), Publish's scheduled check runs, SQS delivers a failed batch
 * again up to {@value #MAX_RECEIVES} times (then to the dead-letter queue), and the next scheduled Digest runs.
 * Whatever the fault, afterwards:
 * <ul>
 *   <li>every confirmed reader has each post in exactly one email, or is listed by {@link UncertainSends} and
 *   unmailed or mailed once, and only where SES may have taken that reader's email (the fault was at that reader's
 *   SendEmail, or killed the sender between that reader's claim and its record);</li>
 *   <li>every published post has its page and its feed item;</li>
 *   <li>no reader who unsubscribed or was suppressed, before the digest or while it went out, is mailed;</li>
 *   <li>nothing is lost unaccounted: an event that failed three times is in FailedEvents, a batch that failed five
 *   times in the dead-letter queue, and one fault never gets that far.</li>
 * </ul>
 */
class FaultPropertyTest {
    /**
     * How many runs, each of its own seed, the suite makes ({@code -Dgazette.runs=N} for more); a failing one names
     * its seed and its fault, and {@code -Dgazette.seed=N} replays it while the calls the flow makes stay as they
     * were; {@code -Dgazette.fault=PHASE:Service:Operation:call:KIND}, such as
     * {@code DIGEST:DynamoDb:PutItem:7:REFUSE_REST}, replays a fault whatever the calls.
     */
    private static final int RUNS = 16;
    private static final int READERS = 200;
    /** Readers who leave before the digest, and readers who leave after it queued them, before Send runs. */
    private static final int LEFT_BEFORE = 4;
    private static final int LEFT_DURING = 4;
    /** As the stack's queue: the fifth failed delivery of a batch is its last. */
    private static final int MAX_RECEIVES = 5;
    private static final List<String> TITLES = List.of("Alpha news", "Beta news");
    /** The operations Publish, Digest and Send make; those a phase does not make are dropped by the calibration. */
    private static final List<List<String>> OPERATIONS = List.of(
            List.of("S3", "GetObject"), List.of("S3", "PutObject"), List.of("S3", "HeadObject"),
            List.of("S3", "ListObjectsV2"), List.of("S3", "CopyObject"), List.of("S3", "DeleteObject"),
            List.of("S3", "DeleteObjects"),
            List.of("DynamoDb", "GetItem"), List.of("DynamoDb", "PutItem"), List.of("DynamoDb", "UpdateItem"),
            List.of("DynamoDb", "DeleteItem"), List.of("DynamoDb", "Query"), List.of("DynamoDb", "Scan"),
            List.of("DynamoDb", "BatchGetItem"), List.of("DynamoDb", "BatchWriteItem"),
            List.of("DynamoDb", "TransactWriteItems"), List.of("DynamoDb", "TransactGetItems"),
            List.of("Sqs", "SendMessage"), List.of("Sqs", "SendMessageBatch"),
            List.of("SesV2", "SendEmail"));

    enum Phase { PUBLISH, DIGEST, SEND }

    /**
     * A refused connection, once or for the rest of the invocation; a 500 for a call the service applied; the
     * function killed at a call; or the function held at a call while another runs beside it (the same event
     * delivered again, another Digest run, another sender with the next batch).
     */
    enum Kind { REFUSE_ONCE, REFUSE_REST, ANSWER_500, KILL_BEFORE, KILL_AFTER, PAUSE_BEFORE, PAUSE_AFTER }

    /** The fault of one run: the {@code call}-th call of an operation made in one phase. */
    record Fault(Phase phase, String service, String operation, int call, Kind kind) {
        @Override
        public String toString() {
            return kind + " at " + service + ":" + operation + " call " + call + " in " + phase;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReaderGetsEachPostOnceWhateverSingleCallFails() {
        Map<Phase, Map<List<String>, Integer>> calls = calibrate();
        String replay = System.getProperty("gazette.seed");
        String named = System.getProperty("gazette.fault");
        if (named != null) {
            String[] parts = named.split(":");
            Fault fault = new Fault(Phase.valueOf(parts[0]), parts[1], parts[2], Integer.parseInt(parts[3]),
                    Kind.valueOf(parts[4]));
            return Stream.of(DynamicTest.dynamicTest(fault.toString(), () -> new Run(0, fault).check()));
        }
        LongStream seeds = replay != null ? LongStream.of(Long.parseLong(replay))
                : new Random().longs(Long.getLong("gazette.runs", RUNS));
        return seeds.mapToObj(seed -> {
            Fault fault = pick(new Random(seed), calls);
            return DynamicTest.dynamicTest("seed " + seed + ": " + fault, () -> new Run(seed, fault).check());
        });
    }

    /** How many calls of each operation each phase makes when nothing fails. */
    private static Map<Phase, Map<List<String>, Integer>> calibrate() {
        Map<Phase, Map<List<String>, Integer>> calls = new TreeMap<>();
        Run calibration = new Run(0, null) {
            private final Map<List<String>, Faults.Rule> rules = new LinkedHashMap<>();

            @Override
            void arm(Phase phase) {
                Faults.clear();
                rules.clear();
                OPERATIONS.forEach(operation -> rules.put(operation,
                        Faults.on(operation.get(0), operation.get(1)).observe()));
            }

            @Override
            void disarm(Phase phase) {
                Map<List<String>, Integer> made = new LinkedHashMap<>();
                rules.forEach((operation, rule) -> {
                    if (rule.calls() > 0) {
                        made.put(operation, rule.calls());
                    }
                });
                calls.put(phase, made);
                Faults.clear();
            }
        };
        try {
            calibration.drive();
        } finally {
            Faults.clear();
            calibration.stack.close();
        }
        return calls;
    }

    private static Fault pick(Random random, Map<Phase, Map<List<String>, Integer>> calls) {
        Phase phase = Phase.values()[random.nextInt(Phase.values().length)];
        List<Map.Entry<List<String>, Integer>> made = new ArrayList<>(calls.get(phase).entrySet());
        Map.Entry<List<String>, Integer> operation = made.get(random.nextInt(made.size()));
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return new Fault(phase, operation.getKey().get(0), operation.getKey().get(1),
                1 + random.nextInt(operation.getValue()), kind);
    }

    /** One run of the whole flow on a stack of its own, with at most one fault. */
    private static class Run {
        final long seed;
        final Random random;
        final Fault fault;
        final Stack stack = new Stack();
        final Emulators.Queue queue = stack.emulators.createQueue(MAX_RECEIVES);
        final List<String> readers = IntStream.range(0, READERS)
                .mapToObj(i -> String.format("reader%03d@example.com", i)).toList();
        final Set<String> left = new TreeSet<>();
        final List<String> failedEvents = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();
        /** The requests of the calls the fault hit; and whether it is still to hit. */
        final List<SdkRequest> hit = new CopyOnWriteArrayList<>();
        volatile boolean armed;
        /** The pause of a fault that pauses; whether the function beside it ran. */
        Faults.Pause pause;
        boolean overtaken;

        Run(long seed, Fault fault) {
            this.seed = seed;
            this.random = new Random(seed);
            this.fault = fault;
            stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
            stack.env.put(Config.QUEUE_URL, queue.url());
        }

        void check() throws IOException {
            try {
                drive();
                assertOutcome();
            } finally {
                Faults.clear();
                stack.close();
            }
        }

        void drive() {
            stack.emulators.clearSentEmails();
            stack.subscribe(readers.toArray(String[]::new));
            List<String> shuffled = new ArrayList<>(readers);
            Collections.shuffle(shuffled, random);
            leave(shuffled.subList(0, LEFT_BEFORE));

            for (String title : TITLES) {
                stack.upload(key(title), "---\ntitle: " + title + "\n---\nThe " + title.toLowerCase() + ".\n");
            }
            arm(Phase.PUBLISH);
            for (String title : TITLES) {
                invokeAsLambda(stack::publishHandler, Stack.s3Event("s3-put.json", stack.postsBucket, key(title)),
                        key(title));
            }
            disarm(Phase.PUBLISH);
            // Publish's scheduled check, which finishes what a run left undone.
            stack.now = stack.now.plus(Duration.ofMinutes(30));
            invokeAsLambda(stack::publishHandler, Stack.read(Path.of("events", "scheduled.json")), "scheduled check");

            arm(Phase.DIGEST);
            invokeAsLambda(() -> new DigestHandler(stack.env, stack.clock()), scheduled(), "digest");
            disarm(Phase.DIGEST);
            leave(shuffled.subList(LEFT_BEFORE, LEFT_BEFORE + LEFT_DURING));

            arm(Phase.SEND);
            sendAsSqsDelivers();
            disarm(Phase.SEND);

            // The next scheduled digest, a day later: it finds nothing new, or finishes a digest left open.
            stack.now = stack.now.plus(Duration.ofDays(1));
            invokeAsLambda(() -> new DigestHandler(stack.env, stack.clock()), scheduled(), "next digest");
            sendAsSqsDelivers();
        }

        private static String scheduled() {
            return Stack.read(Path.of("events", "scheduled.json"));
        }

        private static String key(String title) {
            return "2024-05-10-" + slug(title) + ".md";
        }

        private static String slug(String title) {
            return title.toLowerCase().replace(' ', '-');
        }

        /** Half unsubscribe, half are suppressed, as by a bounce or a complaint. */
        private void leave(List<String> addresses) {
            DynamoSubscribers subscribers = new DynamoSubscribers(stack.dynamo, stack.table);
            for (int i = 0; i < addresses.size(); i++) {
                Subscription.Status status = i % 2 == 0 ? Subscription.Status.UNSUBSCRIBED
                        : Subscription.Status.SUPPRESSED;
                subscribers.put(new Subscription(addresses.get(i), null, status, stack.now, stack.now, null,
                        "left in the test", List.of()));
                left.add(addresses.get(i));
            }
        }

        /** Puts this run's fault in place for a phase's calls. */
        void arm(Phase phase) {
            if (fault == null || fault.phase() != phase) {
                return;
            }
            armed = true;
            AtomicInteger seen = new AtomicInteger();
            Faults.Rule rule = Faults.on(fault.service(), fault.operation()).where(SdkRequest.class, request -> {
                int call = seen.incrementAndGet();
                boolean fires = armed && (fault.kind() == Kind.REFUSE_REST ? call >= fault.call() : call == fault.call());
                if (fires) {
                    hit.add(request);
                }
                return fires;
            });
            switch (fault.kind()) {
                case REFUSE_ONCE, REFUSE_REST -> rule.refuse();
                case ANSWER_500 -> rule.answer500();
                case KILL_BEFORE -> rule.kill(Faults.Point.BEFORE_SENDING);
                case KILL_AFTER -> rule.kill(Faults.Point.AFTER_APPLIED);
                case PAUSE_BEFORE -> pause = rule.pause(Faults.Point.BEFORE_SENDING);
                case PAUSE_AFTER -> pause = rule.pause(Faults.Point.AFTER_APPLIED);
            }
        }

        void disarm(Phase phase) {
            Faults.clear();
            pause = null;
        }

        /**
         * Runs one invocation. When it is held at this run's pause, runs {@code beside} meanwhile, then lets it go
         * on.
         */
        private JsonObject overtaken(Supplier<JsonObject> invocation, Runnable beside) {
            Faults.Pause held = pause;
            if (held == null || overtaken) {
                return invocation.get();
            }
            CompletableFuture<JsonObject> running = CompletableFuture.supplyAsync(invocation);
            while (!running.isDone() && !held.reached()) {
                Thread.onSpinWait();
            }
            if (held.reached()) {
                overtaken = true;
                try {
                    beside.run();
                } finally {
                    held.release();
                }
            }
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof Faults.Killed killed) {
                    throw killed;
                }
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }

        /**
         * Invokes a function as Lambda invokes it asynchronously: a failure is retried twice, a minute later, or
         * after the function's timeout when it was killed; the third failure goes to FailedEvents.
         */
        private void invokeAsLambda(Supplier<RequestStreamHandler> handler, String event, String name) {
            for (int attempt = 1; ; attempt++) {
                try {
                    overtaken(() -> stack.invoke(handler.get(), event),
                            () -> invokeAsLambda(handler, event, name + ", run beside"));
                    return;
                } catch (Faults.Killed e) {
                    stack.now = stack.now.plus(Duration.ofMinutes(16));
                } catch (RuntimeException e) {
                    stack.now = stack.now.plus(Duration.ofMinutes(1));
                } finally {
                    // The fault is one fault: once it hit, the calls of the retries go through.
                    armed = hit.isEmpty();
                }
                if (attempt == 3) {
                    failedEvents.add(name);
                    return;
                }
            }
        }

        /**
         * Hands the queue's batches to Send as the stack's SQS event source does, one at a time: a batch Send reports
         * failed, or every batch of a killed Send, comes back after its visibility timeout, and one received
         * {@value #MAX_RECEIVES} times moves to the dead-letter queue.
         */
        private void sendAsSqsDelivers() {
            while (deliverOne()) {
                stack.now = stack.now.plus(Duration.ofMinutes(30));
            }
            while (true) {
                List<Message> dead = stack.sqs.receiveMessage(request -> request.queueUrl(queue.deadLetters())
                        .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (dead.isEmpty()) {
                    return;
                }
                for (Message message : dead) {
                    DigestQueue.Batch.parse(message.body()).recipients().stream().map(Subscriber::email)
                            .forEach(deadLetters::add);
                    stack.sqs.deleteMessage(request -> request.queueUrl(queue.deadLetters())
                            .receiptHandle(message.receiptHandle()));
                }
            }
        }

        /** Hands Send the next batch, as one sender of the stack; false when the queue has none. */
        private boolean deliverOne() {
            List<Message> batch = stack.sqs.receiveMessage(request -> request.queueUrl(queue.url())
                    .maxNumberOfMessages(1).waitTimeSeconds(0).visibilityTimeout(1800)).messages();
            if (batch.isEmpty()) {
                return false;
            }
            Set<String> failed = new HashSet<>();
            try {
                JsonObject response = overtaken(
                        () -> stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch)),
                        this::deliverOne);
                for (JsonElement failure : response.getAsJsonArray("batchItemFailures")) {
                    failed.add(failure.getAsJsonObject().get("itemIdentifier").getAsString());
                }
            } catch (Faults.Killed | RuntimeException e) {
                batch.forEach(message -> failed.add(message.messageId()));
            } finally {
                armed = hit.isEmpty();
            }
            for (Message message : batch) {
                if (failed.contains(message.messageId())) {
                    stack.sqs.changeMessageVisibility(request -> request.queueUrl(queue.url())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                } else {
                    stack.sqs.deleteMessage(request -> request.queueUrl(queue.url())
                            .receiptHandle(message.receiptHandle()));
                }
            }
            return true;
        }

        void assertOutcome() throws IOException {
            String where = "seed " + seed + ", " + fault + ": ";
            // Each run makes the calls the calibration counted, so the chosen call is always made.
            assertTrue(fault == null || !hit.isEmpty(), where + "the fault was reached");
            // One fault is one failed attempt: the retries get past it, nothing reaches FailedEvents or the DLQ.
            assertEquals(List.of(), failedEvents, where + "events that failed three times");
            assertEquals(List.of(), deadLetters, where + "readers of batches in the dead-letter queue");

            for (String title : TITLES) {
                assertNotNull(stack.site("posts/" + slug(title) + "/index.html"), where + "the page of " + title);
                assertTrue(stack.site("feed.xml").contains(title), where + "the feed item of " + title);
            }

            Map<String, List<Emulators.SentEmail>> byReader = stack.emulators.sentEmails().stream()
                    .collect(Collectors.groupingBy(email -> address(email.to().get(0))));
            Set<String> uncertain = new UncertainSends(new DynamoSendRecords(stack.dynamo, stack.table))
                    .list(null, stack.now.plus(UncertainSends.IN_FLIGHT)).stream()
                    .map(UncertainSends.Send::address).collect(Collectors.toCollection(TreeSet::new));
            Set<String> mayBeUncertain = mayHaveReachedSes();
            assertTrue(mayBeUncertain.containsAll(uncertain),
                    where + "uncertain " + uncertain + " where SES may have taken only " + mayBeUncertain);
            for (String reader : readers) {
                List<Emulators.SentEmail> emails = byReader.getOrDefault(reader, List.of());
                if (left.contains(reader)) {
                    assertEquals(0, emails.size(), where + reader + " left and was mailed");
                    continue;
                }
                if (uncertain.contains(reader) && emails.isEmpty()) {
                    continue;
                }
                for (String title : TITLES) {
                    assertEquals(1, emails.stream().filter(email -> email.html().contains(title)).count(),
                            where + reader + " has " + title + " in exactly one email of " + emails.size());
                }
            }
        }

        /**
         * The readers whose email SES may have taken while the sender could not record it: the fault hit that
         * reader's SendEmail (other than with a refused connection), killed the sender after its claim, or hit the
         * write of SES's answer to its send record.
         */
        private Set<String> mayHaveReachedSes() {
            Set<String> readers = new TreeSet<>();
            if (fault == null || fault.phase() != Phase.SEND) {
                return readers;
            }
            boolean refused = fault.kind() == Kind.REFUSE_ONCE || fault.kind() == Kind.REFUSE_REST;
            for (SdkRequest request : hit) {
                if (request instanceof SendEmailRequest send && !refused) {
                    readers.add(address(send.destination().toAddresses().get(0)));
                } else if (request instanceof PutItemRequest put && fault.kind() == Kind.KILL_AFTER
                        && sendRecord(put.item())) {
                    readers.add(put.item().get("sk").s());
                } else if (request instanceof UpdateItemRequest update && sendRecord(update.key())) {
                    readers.add(update.key().get("sk").s());
                }
            }
            return readers;
        }

        private static boolean sendRecord(Map<String, AttributeValue> item) {
            return item.get("pk").s().startsWith("SEND#");
        }

        /** The address alone, from {@code Name <address>} or an address. */
        private static String address(String to) {
            int open = to.lastIndexOf('<');
            return (open < 0 ? to : to.substring(open + 1, to.length() - 1)).toLowerCase();
        }
    }
}
