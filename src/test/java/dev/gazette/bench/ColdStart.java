package dev.gazette.bench;

import dev.gazette.lambda.PublishHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM that publishes one post through the Publish handler, as a cold Lambda would, and prints its times:
 * from the JVM's start to the handler made, to the post published, and the classes loaded.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long beforeInit = System.currentTimeMillis();
        PublishHandler handler = new PublishHandler();
        long afterInit = System.currentTimeMillis();
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        long done = System.currentTimeMillis();
        if (!out.toString(StandardCharsets.UTF_8).contains("\"created\":1")) {
            throw new IllegalStateException("the post was not published: " + out);
        }
        System.err.println("init-ms " + (afterInit - beforeInit));
        System.err.println("first-publish-ms " + (done - afterInit));
        System.err.println("jvm-to-published-ms " + (done - jvmStart));
        System.err.println("classes " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }
}
