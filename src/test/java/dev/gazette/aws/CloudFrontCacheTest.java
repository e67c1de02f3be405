package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFrontCacheTest {
    @Test
    void pathsAreFromTheRootAndEncodedAsCloudFrontMatchesThem() {
        assertEquals(List.of("/index.html", "/posts/caf%C3%A9/index.html", "/tags/a%2Ab/feed.xml",
                        "/posts/two%20words/index.html", "/tags/c%2523/atom.xml"),
                CloudFrontCache.paths(List.of("index.html", "posts/café/index.html", "tags/a*b/feed.xml",
                        "posts/two words/index.html", "tags/c%23/atom.xml")));
    }

    @Test
    void morePathsThanOneInvalidationTakesClearEverything() {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < CloudFrontCache.MAX_PATHS; i++) {
            files.add("posts/" + i + "/index.html");
        }
        assertEquals(CloudFrontCache.MAX_PATHS, CloudFrontCache.paths(files).size());

        files.add("index.html");
        assertEquals(List.of("/*"), CloudFrontCache.paths(files));
    }

    @Test
    void theEndpointIsFoundAsTheSdkFindsEveryServiceEndpoint() {
        String own = System.clearProperty("aws.endpointUrlCloudFront");
        String every = System.setProperty("aws.endpointUrl", "http://127.0.0.1:4566");
        try {
            assertEquals(URI.create("http://127.0.0.1:4566"), CloudFrontCache.endpoint(),
                    "the setting for every service, as the other clients read it");
            System.setProperty("aws.endpointUrlCloudFront", "http://127.0.0.1:9000");
            assertEquals(URI.create("http://127.0.0.1:9000"), CloudFrontCache.endpoint(), "CloudFront's own first");
        } finally {
            restore("aws.endpointUrlCloudFront", own);
            restore("aws.endpointUrl", every);
        }
    }

    @Test
    void withoutAnEndpointSetItIsTheGlobalOneWhateverTheFipsAndDualStackSettingsSay() {
        String own = System.clearProperty("aws.endpointUrlCloudFront");
        String every = System.clearProperty("aws.endpointUrl");
        String fips = System.setProperty("aws.useFipsEndpoint", "true");
        String dualStack = System.setProperty("aws.useDualstackEndpoint", "true");
        try {
            // The lookup would make hosts of the region's pattern, such as cloudfront-fips.aws-global.api.aws, which
            // CloudFront does not have: its FIPS endpoint is cloudfront-fips.amazonaws.com, set as any other.
            assertEquals(URI.create("https://cloudfront.amazonaws.com"), CloudFrontCache.endpoint());
        } finally {
            restore("aws.endpointUrlCloudFront", own);
            restore("aws.endpointUrl", every);
            restore("aws.useFipsEndpoint", fips);
            restore("aws.useDualstackEndpoint", dualStack);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
