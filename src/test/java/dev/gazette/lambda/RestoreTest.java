package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Posts deleted from the versioned posts bucket by mistake, brought back as the README shows: by copying the last
 * version over the key, or by removing the delete markers. Either way S3 notifies Publish, which reads the key as it
 * is now and puts the post back on the site, without emailing it again.
 */
class RestoreTest {
    private static final String KEY = "2024/2024-05-10-hello world.md";
    private Stack stack;

    @BeforeEach
    void publishThenDeleteByMistake() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        // As the template makes the posts bucket.
        stack.s3.putBucketVersioning(request -> request.bucket(stack.postsBucket)
                .versioningConfiguration(versioning -> versioning.status("Enabled")));
        stack.subscribe("ada@example.com");
        stack.publish(KEY, "---\ntitle: Hello\n---\nHello.\n");
        stack.sendAll();
        assertEquals(1, stack.emulators.sentEmails().size());
        stack.deleteUpload(KEY);
        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-delete.json", stack.postsBucket, KEY));
        assertNull(stack.site("posts/hello world/index.html"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void copyingTheLastVersionOverTheKeyPutsThePostBack() {
        // aws s3api list-object-versions --bucket BUCKET --prefix KEY
        List<ObjectVersion> versions = stack.s3.listObjectVersions(request -> request.bucket(stack.postsBucket)
                .prefix(KEY)).versions();
        ObjectVersion last = versions.stream().filter(version -> version.key().equals(KEY))
                .max(java.util.Comparator.comparing(ObjectVersion::lastModified)).orElseThrow();
        // aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION"
        stack.s3.copyObject(request -> request.destinationBucket(stack.postsBucket).destinationKey(KEY)
                .copySource(stack.postsBucket + "/" + URLEncoder.encode(KEY, StandardCharsets.UTF_8)
                        + "?versionId=" + last.versionId()));
        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-put.json", stack.postsBucket, KEY));

        assertBack();
    }

    @Test
    void removingTheDeleteMarkersPutsThePostsBack() {
        // aws s3api list-object-versions --bucket BUCKET --query 'DeleteMarkers[?IsLatest].[Key,VersionId]'
        List<DeleteMarkerEntry> markers = stack.s3.listObjectVersions(request -> request.bucket(stack.postsBucket))
                .deleteMarkers().stream().filter(DeleteMarkerEntry::isLatest).toList();
        assertEquals(List.of(KEY), markers.stream().map(DeleteMarkerEntry::key).toList());
        for (DeleteMarkerEntry marker : markers) {
            // aws s3api delete-object --bucket BUCKET --key KEY --version-id VERSION: S3 reports it as a deletion.
            stack.s3.deleteObject(request -> request.bucket(stack.postsBucket).key(marker.key())
                    .versionId(marker.versionId()));
            stack.invoke(stack.publishHandler(), Stack.s3Event("s3-delete.json", stack.postsBucket, marker.key()));
        }

        assertBack();
    }

    private void assertBack() {
        assertNotNull(stack.site("posts/hello world/index.html"));
        assertTrue(stack.site("feed.xml").contains("<title>Hello</title>"), stack.site("feed.xml"));
        assertEquals(List.of(), stack.receiveAll(), "no digest: it was emailed before it was deleted");
        assertEquals(1, stack.emulators.sentEmails().size());
    }
}
