package dev.gazette.doctor;

import dev.gazette.publish.SendingPause.Pause;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the doctor learnt of the sending setup, from SES and from DNS, before judging it.
 *
 * @param fromDomain the From address's domain
 * @param region     the SES region, which names the MAIL FROM domain's MX host
 * @param stackPause Gazette's own pause of digest sending, kept in the stack's table
 * @param queues     messages waiting in each failure queue, by its name
 * @param dns        TXT, MX and CNAME answers, by {@link #query(String, String) query}
 */
public record Facts(String fromDomain, String region, Observed<Account> account, Observed<Identity> identity,
        Observed<ConfigurationSet> configurationSet, Observed<StackPause> stackPause,
        Map<String, Observed<Integer>> queues,
        Map<String, Observed<List<String>>> dns) {

    public Facts {
        queues = Map.copyOf(queues);
        dns = Map.copyOf(dns);
    }

    /** The key of a DNS answer in {@link #dns}: the record type and the name, such as {@code TXT _dmarc.example.com}. */
    public static String query(String type, String name) {
        return type + " " + name;
    }

    /** SES's account in this region (GetAccount). */
    public record Account(boolean productionAccess, boolean sendingEnabled, String enforcementStatus,
            double max24HourSend, double maxSendRate, double sentLast24Hours) {
    }

    /**
     * The From domain as an SES identity (GetEmailIdentity); {@code exists} false when SES does not know it.
     *
     * @param mailFromDomain the custom MAIL FROM domain, empty for none
     */
    public record Identity(boolean exists, boolean verifiedForSending, String dkimStatus, List<String> dkimTokens,
            String mailFromDomain, String mailFromStatus) {
        public Identity {
            dkimTokens = List.copyOf(dkimTokens);
        }

        public static Identity missing() {
            return new Identity(false, false, "", List.of(), "", "");
        }
    }

    /**
     * The stack's configuration set; {@code exists} false when SES does not know it.
     *
     * @param reportsBounces whether an enabled event destination takes both bounces and complaints
     */
    public record ConfigurationSet(String name, boolean exists, boolean sendingEnabled, boolean reportsBounces) {
    }

    /**
     * The pause the bounce and complaint alarms (or {@code gazette sends pause}) set in the stack's table.
     *
     * @param pause the pause in force; empty while digests may be sent
     */
    public record StackPause(String table, Optional<Pause> pause) {
    }
}
