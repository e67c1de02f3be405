package dev.gazette.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Dns} against a real DNS server on loopback. */
class DnsTest {
    @Test
    void readsTxtMxAndCnameRecordsAndTellsAMissingNameFromNoAnswer() throws Exception {
        try (DnsServer server = new DnsServer("--txt-record=_dmarc.good.test,v=DMARC1; p=none",
                "--mx-host=mail.good.test,feedback-smtp.us-east-1.amazonses.com,10",
                "--txt-record=mail.good.test,v=spf1 include:amazonses.com ~all",
                "--host-record=tok1.dkim.amazonses.com,127.0.0.2",
                "--cname=tok1._domainkey.good.test,tok1.dkim.amazonses.com")) {
            Map<String, Observed<List<String>>> answers = new Dns(server.address).lookUp(List.of(
                    "TXT _dmarc.good.test", "MX mail.good.test", "TXT mail.good.test",
                    "CNAME tok1._domainkey.good.test", "TXT _dmarc.bad.test"));
            assertEquals(List.of("v=DMARC1; p=none"), answers.get("TXT _dmarc.good.test").value().orElseThrow());
            assertEquals(List.of("10 feedback-smtp.us-east-1.amazonses.com."),
                    answers.get("MX mail.good.test").value().orElseThrow());
            assertEquals(List.of("v=spf1 include:amazonses.com ~all"),
                    answers.get("TXT mail.good.test").value().orElseThrow());
            assertEquals(List.of("tok1.dkim.amazonses.com."),
                    answers.get("CNAME tok1._domainkey.good.test").value().orElseThrow());
            assertEquals(List.of(), answers.get("TXT _dmarc.bad.test").value().orElseThrow());
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsUnknownNotEmpty() throws Exception {
        int silent;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = socket.getLocalPort();
        }
        Observed<List<String>> answer = new Dns("127.0.0.1:" + silent).lookUp(List.of("TXT _dmarc.example.com"))
                .get("TXT _dmarc.example.com");
        assertTrue(answer.value().isEmpty());
        assertTrue(answer.unknown().startsWith("DNS did not answer for _dmarc.example.com"), answer.unknown());
    }
}
