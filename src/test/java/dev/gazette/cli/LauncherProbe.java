package dev.gazette.cli;

/**
 * A stand-in for Gazette's jar in {@link LauncherTest}: prints its arguments, one a line, then the system property
 * {@code probe} when set, and exits with 4 on {@code --fail}.
 */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            System.out.println(arg);
        }
        if (System.getProperty("probe") != null) {
            System.out.println("probe=" + System.getProperty("probe"));
        }
        System.exit(java.util.List.of(args).contains("--fail") ? 4 : 0);
    }
}
