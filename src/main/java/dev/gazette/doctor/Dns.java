package dev.gazette.doctor;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Looks up TXT, MX and CNAME records with the JDK's own DNS client (JNDI), from the system's resolver or from a
 * given server.
 */
public final class Dns {
    private final Hashtable<String, String> environment = new Hashtable<>();

    /** @param server {@code host:port} of the DNS server to ask; empty for the system's */
    public Dns(String server) {
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("java.naming.provider.url", server.isEmpty() ? "dns:" : "dns://" + server);
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
    }

    /** The answers to each {@link Facts#query(String, String) query}: none when the name does not exist. */
    public Map<String, Observed<List<String>>> lookUp(List<String> queries) {
        Map<String, Observed<List<String>>> answers = new TreeMap<>();
        for (String query : queries) {
            String[] typeAndName = query.split(" ", 2);
            answers.put(query, lookUp(typeAndName[0], typeAndName[1]));
        }
        return answers;
    }

    private Observed<List<String>> lookUp(String type, String name) {
        DirContext context = null;
        try {
            context = new InitialDirContext(environment);
            Attributes attributes = context.getAttributes(name, new String[] {type});
            List<String> values = new ArrayList<>();
            Attribute attribute = attributes.get(type);
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(unquote(all.next().toString()));
                }
            }
            return Observed.of(values);
        } catch (NameNotFoundException e) {
            return Observed.of(List.of());
        } catch (NamingException e) {
            return Observed.unknown("DNS did not answer for " + name + " (" + e.getExplanation() + ")");
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    // Nothing is held open that closing could lose.
                }
            }
        }
    }

    /** A TXT record arrives as its quoted strings; long ones in several parts, which DNS means joined. */
    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        StringBuilder joined = new StringBuilder();
        for (String part : value.split("\"\\s+\"")) {
            joined.append(part.replace("\"", ""));
        }
        return joined.toString();
    }
}
