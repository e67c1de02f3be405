package dev.gazette.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Puts faults into the AWS calls of the tests, at the point where a real network or service would: a call refused
 * before it reaches the service, a call the service applied whose answer comes back as a 500, a call paused until
 * the test lets it go (to interleave two functions), or the process killed there. The SDK then does what it does in
 * production: retries what its retry strategy retries, fails the rest.
 * <p>
 * Installed in every SDK client of the tests, those the code under test builds included, through the SDK's global
 * interceptors file ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); the SDK makes one
 * instance per client, so the rules are shared. A test adds rules and calls {@link #clear()} when it ends:
 * <pre>
 *   Faults.on("DynamoDb", "PutItem")
 *           .where(PutItemRequest.class, put -&gt; put.item().get("pk").s().startsWith("SEND#"))
 *           .onCall(1).answer500();
 *   Faults.Pause pause = Faults.on("SesV2", "SendEmail").pause(Faults.Point.BEFORE_SENDING);
 * </pre>
 * Service names are the SDK's ({@code S3}, {@code DynamoDb}, {@code Sqs}, {@code SesV2}), operation names the
 * API's ({@code PutItem}, {@code GetObject}, …). Calls are counted per attempt: a retry by the SDK is another call.
 */
public final class Faults implements ExecutionInterceptor {
    /** Where in a call a fault happens. */
    public enum Point {
        /** The request is ready and not yet sent: the service knows nothing of it. */
        BEFORE_SENDING,
        /** The service has applied the request and answered; the caller has not seen the answer yet. */
        AFTER_APPLIED
    }

    /** Stands for the process ending at this point of a call, as a Lambda timeout or a crash would end it. */
    public static final class Killed extends Error {
        Killed(String call) {
            super("killed on purpose at " + call);
        }
    }

    private static final List<Rule> RULES = new CopyOnWriteArrayList<>();
    /** The rule that fires for the attempt under way, if any. */
    private static final ExecutionAttribute<Rule> FIRING = new ExecutionAttribute<>("dev.gazette.aws.Faults.firing");
    /** How long a paused call waits to be let go before it fails the test rather than hang it. */
    private static final Duration PAUSE_LIMIT = Duration.ofSeconds(60);

    /** A rule for the calls of one operation; it does nothing until given its fault. */
    public static Rule on(String service, String operation) {
        return new Rule(service, operation);
    }

    /** Removes every rule, and lets go of every paused call. */
    public static void clear() {
        for (Rule rule : RULES) {
            if (rule.pause != null) {
                rule.pause.release();
            }
        }
        RULES.clear();
    }

    private enum Fault { REFUSE, ANSWER_500, PAUSE, KILL }

    /** Which calls get a fault, and which fault. */
    public static final class Rule {
        private final String service;
        private final String operation;
        private Predicate<SdkRequest> where = request -> true;
        private int onCall;
        private final AtomicInteger calls = new AtomicInteger();
        private Fault fault;
        private Point point;
        private Pause pause;

        private Rule(String service, String operation) {
            this.service = service;
            this.operation = operation;
        }

        /** Only calls whose request passes {@code test}. */
        public <T extends SdkRequest> Rule where(Class<T> type, Predicate<T> test) {
            this.where = request -> type.isInstance(request) && test.test(type.cast(request));
            return this;
        }

        /** Only the {@code n}-th of the calls this rule matches (1 for the first); without it, every one. */
        public Rule onCall(int n) {
            this.onCall = n;
            return this;
        }

        /** The connection is refused: the service never sees the call, the SDK sees an {@link IOException}. */
        public Rule refuse() {
            return install(Fault.REFUSE, Point.BEFORE_SENDING);
        }

        /** The service applies the call, and its answer is replaced with a 500 Internal Server Error. */
        public Rule answer500() {
            return install(Fault.ANSWER_500, Point.AFTER_APPLIED);
        }

        /** No fault: the calls are only counted, for a test to tell whether and how often one was made. */
        public Rule observe() {
            RULES.add(this);
            return this;
        }

        /** The call waits at {@code point} until the returned pause is released. */
        public Pause pause(Point point) {
            this.pause = new Pause();
            install(Fault.PAUSE, point);
            return pause;
        }

        /**
         * The call throws {@link Killed} at {@code point}: nothing after it in the caller runs, except its
         * {@code finally} blocks, which a real kill would not run either.
         */
        public Rule kill(Point point) {
            return install(Fault.KILL, point);
        }

        /** How many calls (attempts) this rule matched so far, whether or not it fired. */
        public int calls() {
            return calls.get();
        }

        private Rule install(Fault fault, Point point) {
            this.fault = fault;
            this.point = point;
            RULES.add(this);
            return this;
        }

        /** Counts the call if it matches; true if the fault is for this call. */
        private boolean fires(String service, String operation, SdkRequest request) {
            if (!this.service.equals(service) || !this.operation.equals(operation) || !where.test(request)) {
                return false;
            }
            int call = calls.incrementAndGet();
            return fault != null && (onCall == 0 || call == onCall);
        }

        @Override
        public String toString() {
            return service + ":" + operation + " (" + fault + " " + point + ")";
        }
    }

    /** A call held at its point: the test waits until it is there, then lets it go. */
    public static final class Pause {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a call is held here. */
        public void awaitReached() throws InterruptedException {
            if (!reached.await(PAUSE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("no call reached the pause within " + PAUSE_LIMIT.toSeconds() + " s");
            }
        }

        /** Whether a call is held here, or was. */
        public boolean reached() {
            return reached.getCount() == 0;
        }

        /** Lets the held call go on, and every later one this pause would hold. */
        public void release() {
            released.countDown();
        }

        private void hold(String call) {
            reached.countDown();
            try {
                if (!released.await(PAUSE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError(call + " was paused and never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(call + " was interrupted while paused", e);
            }
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Rule firing = null;
        for (Rule rule : RULES) {
            if (rule.fires(service, operation, context.request()) && firing == null) {
                firing = rule;
            }
        }
        attributes.putAttribute(FIRING, firing);
        if (firing != null && firing.point == Point.BEFORE_SENDING) {
            act(firing);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Rule firing = attributes.getAttribute(FIRING);
        if (firing != null && firing.point == Point.AFTER_APPLIED && firing.fault != Fault.ANSWER_500) {
            act(firing);
        }
    }

    private static void act(Rule rule) {
        switch (rule.fault) {
            case REFUSE -> throw SdkClientException.builder()
                    .message("Unable to execute HTTP request: Connection refused (injected at " + rule + ")")
                    .cause(new ConnectException("Connection refused")).build();
            case PAUSE -> rule.pause.hold(rule.toString());
            case KILL -> throw new Killed(rule.toString());
            default -> {
                // A 500 is not thrown: it replaces the answer, in modifyHttpResponse.
            }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!answers500(attributes)) {
            return context.httpResponse();
        }
        // Every header of the real answer goes, its checksums (DynamoDB's x-amz-crc32) and length with them.
        return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").clearHeaders()
                .putHeader("Content-Type", xml(attributes) ? "application/xml" : "application/x-amz-json-1.0")
                .putHeader("x-amzn-ErrorType", "InternalServerError")
                .putHeader("Content-Length", Integer.toString(errorBody(attributes).length))
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (!answers500(attributes)) {
            return context.responseBody();
        }
        context.responseBody().ifPresent(Faults::drain);
        return Optional.of(new ByteArrayInputStream(errorBody(attributes)));
    }

    private static boolean answers500(ExecutionAttributes attributes) {
        Rule firing = attributes.getAttribute(FIRING);
        return firing != null && firing.fault == Fault.ANSWER_500;
    }

    /** S3 answers errors in XML; the other services Gazette uses answer them in JSON. */
    private static boolean xml(ExecutionAttributes attributes) {
        return "S3".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    private static byte[] errorBody(ExecutionAttributes attributes) {
        String body = xml(attributes)
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
                + "<Message>We encountered an internal error. Please try again.</Message></Error>"
                : "{\"__type\":\"InternalServerError\",\"message\":\"Internal server error (injected)\"}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the real answer to its end, so its connection is left as the SDK would leave it. */
    private static void drain(InputStream body) {
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
