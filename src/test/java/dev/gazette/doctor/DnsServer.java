package dev.gazette.doctor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DNS server for tests: Debian's dnsmasq on a loopback port, answering only the records it is given and
 * "no such name" for anything else under {@code .test}. Where dnsmasq is not installed the test is skipped, except
 * in CI, whose script installs it.
 */
public final class DnsServer implements AutoCloseable {
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    public final String address;

    /** @param records dnsmasq options such as {@code --txt-record=_dmarc.good.test,v=DMARC1; p=none} */
    public DnsServer(String... records) throws IOException, InterruptedException {
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isExecutable(DNSMASQ), "dnsmasq is not installed (apt-get install dnsmasq-base)");
        }
        int port;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(DNSMASQ.toString(), "--keep-in-foreground",
                "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file=", "--user=root", "--local=/test/"));
        command.addAll(List.of(records));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        address = "127.0.0.1:" + port;
        awaitAnswer();
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        Dns dns = new Dns(address);
        for (int tries = 0; tries < 50; tries++) {
            if (!process.isAlive()) {
                throw new IOException("dnsmasq exited with " + process.exitValue());
            }
            if (dns.lookUp(List.of("TXT probe.test")).get("TXT probe.test").value().isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("dnsmasq did not answer at " + address);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
