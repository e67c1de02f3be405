package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gazette.publish.SiteFiles;
import dev.gazette.publish.SiteFilesContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The site files contract, against S3 as s3proxy implements it. */
class S3SiteFilesTest extends SiteFilesContract {
    private static S3Client s3;
    private String bucket;

    @BeforeAll
    static void start() {
        s3 = Emulators.start().s3Client();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Override
    protected SiteFiles site() {
        bucket = Emulators.start().createBucket();
        return new S3SiteFiles(s3, bucket);
    }

    @Override
    protected byte[] read(SiteFiles site, String path) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(path)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Test
    void servesEachFileWithItsTypeAndCacheLifetime() throws Exception {
        SiteFiles site = site();
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        site.write("feed.xml", content);
        site.write("feed.json", content);
        site.write("posts/a/index.html", content);
        site.write("images/cat.png", content);

        assertEquals("application/xml; charset=utf-8 public, max-age=300", head("feed.xml"));
        assertEquals("application/feed+json; charset=utf-8 public, max-age=300", head("feed.json"));
        assertEquals("text/html; charset=utf-8 public, max-age=3600", head("posts/a/index.html"));
        assertEquals("image/png public, max-age=86400", head("images/cat.png"));
    }

    private String head(String key) {
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
        // Jetty, under s3proxy, writes "text/html;charset=utf-8" without the space.
        return head.contentType().replace(";charset", "; charset") + " " + head.cacheControl();
    }
}
