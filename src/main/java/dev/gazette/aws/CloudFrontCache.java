package dev.gazette.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The CloudFront distribution's cache, cleared of the files a publish changed, so readers and a WebSub hub get the
 * new feeds at once rather than when their cache time ends. One call, CreateInvalidation, signed with the SDK's own
 * SigV4 signer and sent through its HTTP client: the SDK's CloudFront client would add 5.6 MB to the function's jar
 * for it. The endpoint is found by the SDK's own lookup ({@link Clients#endpointSettings}), as the other clients'
 * are: {@code AWS_ENDPOINT_URL_CLOUDFRONT} or the {@code aws.endpointUrlCloudFront} system property, and the
 * settings for every service after them.
 */
public final class CloudFrontCache {
    /** The most paths one invalidation may list (CloudFront's limit); a publish that changed more clears all. */
    public static final int MAX_PATHS = 3000;
    private static final String API = "2020-05-31";
    private static final String ALL = "/*";

    private final String distribution;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    CloudFrontCache(String distribution, URI endpoint, SdkHttpClient http, AwsCredentialsProvider credentials) {
        this.distribution = distribution;
        this.endpoint = endpoint;
        this.http = http;
        this.credentials = credentials;
    }

    /** The distribution's cache, at CloudFront's global endpoint unless another is set, as for the SDK's clients. */
    public static CloudFrontCache of(String distribution) {
        return new CloudFrontCache(distribution, endpoint(), UrlConnectionHttpClient.create(),
                DefaultCredentialsProvider.builder().build());
    }

    /**
     * CloudFront's endpoint as the SDK's client would find it: global, unless the SDK's settings name another. Only
     * the settings that name one are the lookup's: its own endpoint for the global region follows the FIPS and dual
     * stack settings to hosts CloudFront does not have ({@code cloudfront-fips.aws-global.amazonaws.com}).
     */
    static URI endpoint() {
        return Clients.endpointSettings("CloudFront").resolveFromOverrides()
                .orElse(URI.create("https://cloudfront.amazonaws.com"));
    }

    /**
     * Clears the cache of these files of the site, in one invalidation.
     *
     * @param files paths relative to the site's root, as written: {@code posts/launch/index.html}
     * @return the paths invalidated: each file's, or {@code /*} for more than {@link #MAX_PATHS}
     * @throws IOException when CloudFront cannot be reached or refuses, with its answer
     */
    public List<String> invalidate(List<String> files) throws IOException {
        List<String> paths = paths(files);
        byte[] body = batch(paths, UUID.randomUUID().toString());
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/" + API + "/distribution/" + distribution + "/invalidation"))
                .putHeader("Content-Type", "text/xml")
                .putHeader("Content-Length", String.valueOf(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudfront")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        if (!response.httpResponse().isSuccessful()) {
            String answer = response.responseBody().map(CloudFrontCache::text).orElse("");
            throw new IOException("CloudFront refused the invalidation of " + paths.size() + " paths with "
                    + response.httpResponse().statusCode() + ": " + answer);
        }
        response.responseBody().ifPresent(CloudFrontCache::text);
        return paths;
    }

    /** Each file's path from the root, percent-encoded as CloudFront matches it, so no {@code *} is a wildcard. */
    static List<String> paths(List<String> files) {
        if (files.size() > MAX_PATHS) {
            return List.of(ALL);
        }
        List<String> paths = new ArrayList<>();
        for (String file : files) {
            StringBuilder path = new StringBuilder("/");
            for (byte b : file.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._/!$&'()+,;=:@".indexOf(c) >= 0)) {
                    path.append(c);
                } else {
                    path.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
            paths.add(path.toString());
        }
        return paths;
    }

    private static byte[] batch(List<String> paths, String reference) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("InvalidationBatch");
            xml.writeDefaultNamespace("http://cloudfront.amazonaws.com/doc/" + API + "/");
            xml.writeStartElement("Paths");
            element(xml, "Quantity", String.valueOf(paths.size()));
            xml.writeStartElement("Items");
            for (String path : paths) {
                element(xml, "Path", path);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            element(xml, "CallerReference", reference);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the invalidation: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readNBytes(2000), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
