package dev.gazette.aws;

import dev.gazette.post.PostParser;
import dev.gazette.publish.Change;
import dev.gazette.publish.PostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The posts bucket: each object a post or a file beside the posts, its key the post's source path. Sizes are
 * checked before anything is read: a post is read whole, within its limit, since it is parsed; any other file is
 * never read here at all, but copied from bucket to bucket by S3 itself (see {@link S3SiteFiles#copy}).
 */
public final class S3PostFiles implements PostFiles {
    private final S3Client s3;
    private final String bucket;
    private final long maxPostBytes;
    private final long maxFileBytes;

    /**
     * @param maxPostBytes the largest post read
     * @param maxFileBytes the largest other file copied to the site
     */
    public S3PostFiles(S3Client s3, String bucket, long maxPostBytes, long maxFileBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.maxPostBytes = maxPostBytes;
        this.maxFileBytes = maxFileBytes;
    }

    /** One object of the bucket, as it was when it was looked up: its content is read, or copied, later. */
    public final class Upload implements Change.Content {
        private final String key;
        private final long size;
        private final String eTag;

        private Upload(String key, long size, String eTag) {
            this.key = key;
            this.size = size;
            this.eTag = eTag;
        }

        String bucket() {
            return bucket;
        }

        String key() {
            return key;
        }

        String eTag() {
            return eTag;
        }

        @Override
        public byte[] read() throws IOException {
            try (InputStream in = open()) {
                return in.readAllBytes();
            }
        }

        /** The object as a stream, never longer than its limit, even if it grew since it was looked up. */
        @Override
        public InputStream open() throws IOException {
            checkSize(key, size);
            return checked(key, get(key)
                    .orElseThrow(() -> new Change.Unreadable("gone from the bucket while it was being published")));
        }

        /**
         * S3's ETag with the size, read from the object's head: it changes whenever the content does, and keeps a
         * file of a gigabyte from being read to tell whether it changed. A file over its limit has none: it is
         * refused before it is copied.
         */
        @Override
        public String hash() throws Change.Unreadable {
            checkSize(key, size);
            return "s3:" + eTag.replace("\"", "") + ":" + size;
        }
    }

    /** The object at {@code key} as a change's content, looked up but not read; empty when it is gone. */
    public Optional<Upload> upload(String key) {
        return unlessMissing(() -> s3.headObject(request -> request.bucket(bucket).key(key)))
                .map(head -> new Upload(key, head.contentLength(), head.eTag()));
    }

    /** One request: the answer's length is checked before its body is read. */
    @Override
    public Optional<byte[]> read(String source) throws IOException {
        Optional<ResponseInputStream<GetObjectResponse>> object = get(source);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = checked(source, object.get())) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** The object's stream, or an error without reading it when the object is over its limit. */
    private InputStream checked(String key, ResponseInputStream<GetObjectResponse> in) throws Change.Unreadable {
        Long length = in.response().contentLength();
        try {
            checkSize(key, length == null ? 0 : length);
        } catch (Change.Unreadable e) {
            in.abort();
            throw e;
        }
        return in;
    }

    private Optional<ResponseInputStream<GetObjectResponse>> get(String key) {
        return unlessMissing(() -> s3.getObject(request -> request.bucket(bucket).key(key)));
    }

    /** The answer to a call on one object, or empty when there is no such object (S3 says so with a 404). */
    static <T> Optional<T> unlessMissing(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void checkSize(String key, long size) throws Change.Unreadable {
        boolean post = PostParser.isPost(key);
        long limit = post ? maxPostBytes : maxFileBytes;
        if (size > limit) {
            throw new Change.Unreadable((post ? "the post is " : "the file is ") + size + " bytes, more than the "
                    + limit + " of " + (post ? "GAZETTE_MAX_POST_BYTES" : "GAZETTE_MAX_FILE_BYTES")
                    + ": make it smaller, or raise the limit");
        }
    }
}
