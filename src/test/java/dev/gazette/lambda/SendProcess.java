package dev.gazette.lambda;

import java.io.IOException;

/** The Send function in a process of its own, wired from its environment as in Lambda, so a test can kill it. */
public final class SendProcess {
    private SendProcess() {
    }

    public static void main(String[] args) throws IOException {
        new SendHandler().handleRequest(System.in, System.out, null);
    }
}
