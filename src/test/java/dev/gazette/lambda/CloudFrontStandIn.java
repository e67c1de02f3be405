package dev.gazette.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Stands in for CloudFront's API, which has no local emulator: it takes CreateInvalidation as CloudFront does
 * (201 with the invalidation) and keeps each request, for tests to read what Publish asked. Started once, at the
 * address the SDK's setting {@code aws.endpointUrlCloudFront} names; each call is noted for {@link AwsCalls} too.
 */
final class CloudFrontStandIn {
    /** One request as CloudFront got it, and when, by {@link System#nanoTime()}. */
    record Invalidation(String path, String authorization, String body, long at) {
        /** The paths the request lists, in its order. */
        List<String> paths() {
            List<String> paths = new ArrayList<>();
            for (String part : body.split("<Path>")) {
                if (part.contains("</Path>")) {
                    paths.add(part.substring(0, part.indexOf("</Path>")));
                }
            }
            return paths;
        }
    }

    private static final List<Invalidation> RECEIVED = new ArrayList<>();
    private static HttpServer server;
    /** The status to answer with: 201, or an error to refuse with. */
    private static volatile int status = 201;

    private CloudFrontStandIn() {
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cloudfront-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            synchronized (CloudFrontStandIn.class) {
                RECEIVED.add(new Invalidation(path, exchange.getRequestHeaders().getFirst("Authorization"), body,
                        System.nanoTime()));
            }
            String distribution = path.replaceAll(".*/distribution/([^/]+)/invalidation$", "$1");
            AwsCalls.noteCall("cloudfront:CreateInvalidation", "arn:aws:cloudfront::" + AwsCalls.ACCOUNT
                    + ":distribution/" + distribution);
            byte[] answer = ("<?xml version=\"1.0\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/"
                    + "2020-05-31/\"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.endpointUrlCloudFront", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What was received since the last call, forgotten here. */
    static synchronized List<Invalidation> take() {
        List<Invalidation> taken = new ArrayList<>(RECEIVED);
        RECEIVED.clear();
        return taken;
    }

    static void answer(int answerStatus) {
        status = answerStatus;
    }
}
