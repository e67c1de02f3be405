package dev.gazette.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Notes every AWS operation a function's handler calls, as the IAM action it needs and the ARN of what it acts on
 * (the object, bucket, table, index, queue, SES identity and configuration set), to hold the functions against
 * what {@code template.yaml} grants them. Installed in every SDK client of the tests through the SDK's global
 * interceptors file ({@code software/amazon/awssdk/global/handlers/execution.interceptors}).
 */
public final class AwsCalls implements ExecutionInterceptor {
    /** Where an operation's IAM action has another name. */
    private static final Map<String, String> ACTIONS = Map.of(
            "s3:HeadObject", "s3:GetObject",
            "s3:ListObjectsV2", "s3:ListBucket",
            "s3:HeadBucket", "s3:ListBucket");
    private static final Map<String, String> SERVICES = Map.of("S3", "s3", "DynamoDb", "dynamodb", "Sqs", "sqs",
            "SesV2", "ses");

    /** The account and region of the ARNs noted, as {@code AWS::AccountId} and {@code AWS::Region} in the template. */
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    private static final String S3 = "arn:aws:s3:::";
    private static final String DYNAMODB = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":";
    private static final String SQS = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":";
    private static final String SES = "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":";

    /** An IAM action on a resource, by its ARN; {@code *} for an account-wide call. */
    record Call(String action, String resource) implements Comparable<Call> {
        @Override
        public int compareTo(Call other) {
            return toString().compareTo(other.toString());
        }
    }

    private static final Map<String, Set<Call>> CALLS_BY_HANDLER = new TreeMap<>();
    /** The handler running now: tests invoke one at a time, and its calls may come from several threads. */
    private static volatile String running;

    /** Runs a handler, noting what it calls. */
    static <T> T during(Class<?> handler, Supplier<T> call) {
        running = handler.getName();
        try {
            return call.get();
        } finally {
            running = null;
        }
    }

    /** What each handler called since {@link #clear()}, by its class name. */
    static synchronized Map<String, Set<Call>> byHandler() {
        Map<String, Set<Call>> copy = new TreeMap<>();
        CALLS_BY_HANDLER.forEach((handler, calls) -> copy.put(handler, new TreeSet<>(calls)));
        return copy;
    }

    static synchronized void clear() {
        CALLS_BY_HANDLER.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String handler = running;
        if (handler == null) {
            return;
        }
        String action = action(attributes);
        SdkRequest request = context.request();
        switch (action) {
            case "s3:CopyObject" -> {
                // IAM has no action of that name: a copy reads its source and writes its destination.
                CopyObjectRequest copy = (CopyObjectRequest) request;
                // The source as given, or as the SDK spells it once sent: bucket/key, URL-encoded.
                String source = copy.sourceBucket() != null ? copy.sourceBucket() + "/" + copy.sourceKey()
                        : URLDecoder.decode(copy.copySource(), StandardCharsets.UTF_8);
                note(handler, new Call("s3:GetObject", S3 + source));
                note(handler, new Call("s3:PutObject", S3 + copy.destinationBucket() + "/" + copy.destinationKey()));
            }
            case "ses:SendEmail" -> {
                // SES authorises a send against the identity it uses, the address's or else its domain's, and
                // against the configuration set named.
                String from = field(request, "FromEmailAddress");
                String address = from.contains("<") ? from.substring(from.lastIndexOf('<') + 1, from.lastIndexOf('>'))
                        : from.strip();
                note(handler, new Call(action, SES + "identity/" + address));
                note(handler, new Call(action, SES + "identity/" + address.substring(address.indexOf('@') + 1)));
                request.getValueForField("ConfigurationSetName", String.class).ifPresent(set ->
                        note(handler, new Call(action, SES + "configuration-set/" + set)));
            }
            case "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem" -> {
                // A batch names its tables as the keys of its items.
                Map<?, ?> items = request.getValueForField("RequestItems", Map.class).orElseThrow();
                items.keySet().forEach(table -> note(handler, new Call(action, DYNAMODB + "table/" + table)));
            }
            default -> note(handler, new Call(ACTIONS.getOrDefault(action, action), resource(request)));
        }
    }

    /**
     * S3 answers a read of a missing object with 404 only to whoever may list the bucket (403 to others), and the
     * code relies on that 404: such a read needs {@code s3:ListBucket} on the bucket.
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String handler = running;
        String action = action(attributes);
        if (handler != null && (action.equals("s3:GetObject") || action.equals("s3:HeadObject"))
                && context.exception() instanceof S3Exception missing && missing.statusCode() == 404) {
            note(handler, new Call("s3:ListBucket", S3 + field(context.request(), "Bucket")));
        }
    }

    private static String action(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return SERVICES.getOrDefault(service, service) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    /** The ARN of what a request acts on: an object or bucket, a table or its index, a queue; {@code *} if none. */
    private static String resource(SdkRequest request) {
        Optional<String> bucket = request.getValueForField("Bucket", String.class);
        if (bucket.isPresent()) {
            return S3 + bucket.get() + request.getValueForField("Key", String.class).map(key -> "/" + key).orElse("");
        }
        Optional<String> table = request.getValueForField("TableName", String.class);
        if (table.isPresent()) {
            return DYNAMODB + "table/" + table.get()
                    + request.getValueForField("IndexName", String.class).map(index -> "/index/" + index).orElse("");
        }
        Optional<String> queue = request.getValueForField("QueueUrl", String.class);
        if (queue.isPresent()) {
            return SQS + queue.get().substring(queue.get().lastIndexOf('/') + 1);
        }
        return "*";
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).orElseThrow(() -> new AssertionError(
                request.getClass().getSimpleName() + " has no " + name));
    }

    /**
     * Notes a call that reaches a stand-in service outside the SDK's clients (CloudFront's, which the code signs and
     * sends itself), for the handler running now.
     *
     * @param resource the ARN of what the call acts on
     */
    static void noteCall(String action, String resource) {
        String handler = running;
        if (handler != null) {
            note(handler, new Call(action, resource));
        }
    }

    private static synchronized void note(String handler, Call call) {
        CALLS_BY_HANDLER.computeIfAbsent(handler, name -> new TreeSet<>()).add(call);
    }
}
