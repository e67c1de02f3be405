package dev.gazette.lambda;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Notes every AWS operation a function's handler calls, as the IAM action it needs, to hold the functions against
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

    private static final Map<String, Set<String>> ACTIONS_BY_HANDLER = new TreeMap<>();
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

    /** The IAM actions each handler needed so far in this test run, by its class name. */
    static synchronized Map<String, Set<String>> byHandler() {
        Map<String, Set<String>> copy = new TreeMap<>();
        ACTIONS_BY_HANDLER.forEach((handler, actions) -> copy.put(handler, new TreeSet<>(actions)));
        return copy;
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
        synchronized (AwsCalls.class) {
            ACTIONS_BY_HANDLER.computeIfAbsent(handler, name -> new TreeSet<>()).add(ACTIONS.getOrDefault(action, action));
        }
    }
}
