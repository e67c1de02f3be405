package dev.gazette.bench;

/** The smallest Java program, for the cost of starting a JVM on this machine. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
