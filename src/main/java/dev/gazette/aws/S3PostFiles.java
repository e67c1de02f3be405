package dev.gazette.aws;

import dev.gazette.publish.PostFiles;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The posts bucket: each object a post or a file beside the posts, its key the post's source path. */
public final class S3PostFiles implements PostFiles {
    private final S3Client s3;
    private final String bucket;

    public S3PostFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<byte[]> read(String source) {
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(source)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
