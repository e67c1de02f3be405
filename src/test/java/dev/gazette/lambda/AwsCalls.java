package dev.gazette.lambda;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Notes every AWS operation a function's handler calls, as the IAM action it needs and the bucket, table or queue
 * it acts on, to hold the functions against what {@code template.yaml} grants them. Installed in every SDK client of the tests through the SDK's global
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

    /** An IAM action on a bucket, table or queue; {@code resource} is null for an account-wide call. */
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
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String action = SERVICES.getOrDefault(service, service) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        if (action.equals("s3:CopyObject")) {
            // IAM has no action of that name: a copy reads its source and writes its destination.
            note(handler, new Call("s3:GetObject", request.getValueForField("SourceBucket", String.class)
                    .or(() -> request.getValueForField("CopySource", String.class).map(source -> source.split("/")[0]))
                    .orElse(null)));
            note(handler, new Call("s3:PutObject",
                    request.getValueForField("DestinationBucket", String.class).orElse(null)));
            return;
        }
        String resource = request.getValueForField("Bucket", String.class)
                .or(() -> request.getValueForField("TableName", String.class))
                .or(() -> request.getValueForField("QueueUrl", String.class))
                // A batch of DynamoDB reads or writes names its tables as the keys of its items.
                .or(() -> request.getValueForField("RequestItems", Map.class)
                        .map(items -> String.join(",", ((Map<?, ?>) items).keySet().stream().map(Object::toString).toList())))
                .orElse(null);
        note(handler, new Call(ACTIONS.getOrDefault(action, action), resource));
    }

    /**
     * Notes a call that reaches a stand-in service outside the SDK (CloudFront), for the handler running now.
     *
     * @param resource what the call acts on, as {@code template.yaml} names it in its grant
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
