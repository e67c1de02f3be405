package dev.gazette.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients, made the same way for every function: the JDK's HTTP client (no Apache, no Netty, for a small
 * artifact and a fast start), and region, credentials and endpoints from the SDK's standard settings
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}, … or the {@code aws.*} system properties), so the same jar
 * runs against AWS and against local emulators.
 */
public final class Clients {
    private Clients() {
    }

    public static S3Client s3() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                // Emulators answer at one host name, not at a host per bucket.
                .forcePathStyle(endpointConfigured("S3"))
                // Bodies with a Content-Length rather than aws-chunked: the same over HTTPS to AWS, and what
                // emulators on plain HTTP take reliably.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Without the SDK's retries: SendEmail has no idempotency token, so a retry after an answer that was lost would
     * send the email twice. {@link SesMailer} waits out throttling itself, and takes a lost answer as uncertain.
     */
    public static SesV2Client ses() {
        return SesV2Client.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Whether an endpoint other than AWS's own is set for a service, as the SDK itself reads it. */
    static boolean endpointConfigured(String service) {
        return endpointSettings(service).resolveFromOverrides().isPresent();
    }

    /**
     * The SDK's own lookup of a service's endpoint, as its clients make it: {@code aws.endpointUrlS3} or
     * {@code AWS_ENDPOINT_URL_S3}, then {@code aws.endpointUrl} or {@code AWS_ENDPOINT_URL}, then the profile's
     * {@code endpoint_url}; none of them when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} says so.
     *
     * @param service as the SDK names it in its settings: {@code S3}, {@code CloudFront}
     */
    static AwsClientEndpointProvider.Builder endpointSettings(String service) {
        return AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideSystemProperty("aws.endpointUrl" + service)
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
                .serviceProfileProperty(service.toLowerCase(Locale.ROOT));
    }
}
