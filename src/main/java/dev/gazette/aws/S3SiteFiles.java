package dev.gazette.aws;

import dev.gazette.publish.Change;
import dev.gazette.publish.SiteFiles;
import dev.gazette.site.MediaTypes;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The site in an S3 bucket, served by CloudFront. Each file gets its media type, and a cache lifetime that keeps
 * feeds and the index fresh and lets pages and images be cached longer.
 */
public final class S3SiteFiles implements SiteFiles {
    private static final String SHORT = "public, max-age=300";
    private static final String PAGE = "public, max-age=3600";
    private static final String LONG = "public, max-age=86400";

    private final S3Client s3;
    private final String bucket;

    public S3SiteFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Compares by ETag, which S3 makes the MD5 of an object written in one piece without KMS. */
    @Override
    public boolean write(String path, byte[] content) {
        if (etag(path).map(etag -> etag.replace("\"", "").equals(md5(content))).orElse(false)) {
            return false;
        }
        s3.putObject(request(path).build(), RequestBody.fromBytes(content));
        return true;
    }

    /**
     * Copies an upload of the posts bucket by S3's own CopyObject, so a large file never passes through the
     * function's memory; the copy's ETag is the upload's when it was written in one piece, which tells when it is
     * there already.
     */
    @Override
    public boolean copy(String path, Change.Content content) throws IOException {
        if (!(content instanceof S3PostFiles.Upload upload)) {
            return SiteFiles.super.copy(path, content);
        }
        if (etag(path).map(etag -> etag.equals(upload.eTag())).orElse(false)) {
            return false;
        }
        PutObjectRequest target = request(path).build();
        try {
            s3.copyObject(request -> request.sourceBucket(upload.bucket()).sourceKey(upload.key())
                    .destinationBucket(bucket).destinationKey(path)
                    // Its own media type and cache lifetime, as a file the function writes gets.
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(target.contentType()).cacheControl(target.cacheControl()));
        } catch (NoSuchKeyException e) {
            throw new Change.Unreadable("gone from the bucket while it was being published");
        }
        return true;
    }

    private Optional<String> etag(String path) {
        return S3PostFiles.unlessMissing(() -> s3.headObject(request -> request.bucket(bucket).key(path)).eTag());
    }

    @Override
    public void delete(String path) {
        s3.deleteObject(request -> request.bucket(bucket).key(path));
    }

    private PutObjectRequest.Builder request(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean listing = path.endsWith(".xml") || path.endsWith(".json") || path.endsWith(".xsl")
                || path.equals("index.html");
        return PutObjectRequest.builder()
                .bucket(bucket)
                .key(path)
                .contentType(MediaTypes.of(path))
                .cacheControl(listing ? SHORT : extension.equals("html") ? PAGE : LONG);
    }

    /** The hex MD5 of content, as S3's ETag of it. */
    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
