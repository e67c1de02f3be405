package dev.gazette.doctor;

import dev.gazette.doctor.Facts.Account;
import dev.gazette.doctor.Facts.ConfigurationSet;
import dev.gazette.doctor.Facts.Identity;
import dev.gazette.doctor.Facts.StackPause;
import dev.gazette.post.OneLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges what stands between the digest and the readers' inboxes: SES's sandbox, quotas and pauses, the From
 * domain's verification, DKIM, an aligned MAIL FROM domain (SPF), DMARC, the bounce reports, the stack's own pause
 * of digest sending, and messages waiting in the failure queues. Each finding says what to do. The checks are written against {@link Facts}, so the rules
 * stand apart from how SES and DNS are asked.
 */
public final class Doctor {
    /** Past this share of the day's quota, a large digest may have to wait for the next day. */
    private static final double QUOTA_WARNING = 0.8;

    private Doctor() {
    }

    /** The DNS records the checks read, as {@link Facts#query(String, String) queries}, for what SES said. */
    public static List<String> dnsQueries(String fromDomain, Optional<Identity> identity) {
        List<String> queries = new ArrayList<>(List.of(Facts.query("TXT", "_dmarc." + fromDomain)));
        organisationalDomain(fromDomain).ifPresent(parent -> queries.add(Facts.query("TXT", "_dmarc." + parent)));
        identity.ifPresent(known -> {
            known.dkimTokens().forEach(token -> queries.add(Facts.query("CNAME", dkimName(token, fromDomain))));
            if (!known.mailFromDomain().isEmpty()) {
                queries.add(Facts.query("MX", known.mailFromDomain()));
                queries.add(Facts.query("TXT", known.mailFromDomain()));
            }
        });
        return queries;
    }

    public static List<Finding> examine(Facts facts) {
        List<Finding> findings = new ArrayList<>(account(facts.account()));
        findings.add(identity(facts));
        findings.add(dkim(facts));
        findings.add(mailFrom(facts));
        findings.add(dmarc(facts));
        findings.add(bounceReports(facts.configurationSet()));
        findings.add(stackPause(facts.stackPause()));
        facts.queues().forEach((queue, waiting) -> findings.add(queue(queue, waiting)));
        return findings;
    }

    private static List<Finding> account(Observed<Account> observed) {
        if (observed.value().isEmpty()) {
            return List.of(Finding.unknown("SES account", observed.unknown()));
        }
        Account account = observed.value().get();
        List<Finding> findings = new ArrayList<>();
        findings.add(account.productionAccess() ? Finding.ok("SES sandbox", "production access: SES mails any address")
                : Finding.problem("SES sandbox", "the account is in the SES sandbox: it mails only verified addresses,"
                        + " at most 200 a day", "ask for production access: SES console, Account dashboard, Request"
                        + " production access (aws sesv2 put-account-details --production-access-enabled …)"));
        findings.add(account.sendingEnabled() ? Finding.ok("SES sending", "enabled (" + status(account) + ")")
                : Finding.problem("SES sending", "SES has paused sending for the account (" + status(account) + ")",
                        "read AWS's notice in the SES console, remove its cause (bounces, complaints), and ask for"
                                + " sending to be enabled again"));
        String used = String.format(Locale.ROOT, "%.0f of %.0f emails in 24 hours used, at most %.0f a second",
                account.sentLast24Hours(), account.max24HourSend(), account.maxSendRate());
        boolean nearLimit = account.max24HourSend() > 0
                && account.sentLast24Hours() >= QUOTA_WARNING * account.max24HourSend();
        findings.add(nearLimit ? Finding.warning("SES quota", used, "a digest larger than what is left waits for"
                + " the next 24 hours; ask for a higher quota in the SES console") : Finding.ok("SES quota", used));
        return findings;
    }

    private static String status(Account account) {
        return "enforcement status " + account.enforcementStatus();
    }

    private static Finding identity(Facts facts) {
        String check = "sending domain";
        Observed<Identity> observed = facts.identity();
        if (observed.value().isEmpty()) {
            return Finding.unknown(check, observed.unknown());
        }
        Identity identity = observed.value().get();
        String domain = facts.fromDomain();
        if (!identity.exists()) {
            return Finding.problem(check, domain + " is not an identity in SES: nothing from it can be sent",
                    "aws sesv2 create-email-identity --email-identity " + domain + ", then add the DKIM records it"
                            + " prints to the domain's DNS");
        }
        return identity.verifiedForSending() ? Finding.ok(check, domain + " is verified for sending")
                : Finding.problem(check, domain + " is not verified yet", "add the DKIM CNAME records that"
                        + " 'aws sesv2 get-email-identity --email-identity " + domain + "' lists; SES verifies the"
                        + " domain once it sees them");
    }

    private static Finding dkim(Facts facts) {
        String check = "DKIM";
        Observed<Identity> observed = facts.identity();
        if (!known(observed)) {
            return unknownIdentity(check, observed);
        }
        Identity identity = observed.value().get();
        List<String> missing = new ArrayList<>();
        for (String token : identity.dkimTokens()) {
            String name = dkimName(token, facts.fromDomain());
            String target = token + ".dkim.amazonses.com";
            Observed<List<String>> answer = facts.dns().getOrDefault(Facts.query("CNAME", name),
                    Observed.unknown("not looked up"));
            if (answer.value().isEmpty()) {
                return Finding.unknown(check, name + ": " + answer.unknown());
            }
            if (answer.value().get().stream().noneMatch(value -> sameName(value, target))) {
                missing.add(name + " CNAME " + target);
            }
        }
        if (!missing.isEmpty()) {
            return Finding.problem(check, "DKIM records missing from DNS", "add: " + String.join("; ", missing));
        }
        return "SUCCESS".equals(identity.dkimStatus())
                ? Finding.ok(check, "signing with Easy DKIM; the CNAME records are in DNS")
                : Finding.problem(check, "SES reports DKIM as " + identity.dkimStatus(), "wait for SES to see the"
                        + " records (up to 72 hours), or check them with 'dig CNAME <token>._domainkey." + facts.fromDomain()
                        + "'");
    }

    private static Finding mailFrom(Facts facts) {
        String check = "MAIL FROM (SPF)";
        Observed<Identity> observed = facts.identity();
        if (!known(observed)) {
            return unknownIdentity(check, observed);
        }
        String domain = observed.value().get().mailFromDomain();
        if (domain.isEmpty()) {
            return Finding.warning(check, "no custom MAIL FROM domain: SPF passes for amazonses.com, not aligned with "
                    + facts.fromDomain() + ", so DMARC rests on DKIM alone", "aws sesv2 put-email-identity-mail-from-"
                    + "attributes --email-identity " + facts.fromDomain() + " --mail-from-domain mail."
                    + facts.fromDomain() + ", then add its MX and SPF records");
        }
        String mx = "feedback-smtp." + facts.region() + ".amazonses.com";
        Observed<List<String>> mxAnswer = facts.dns().getOrDefault(Facts.query("MX", domain), Observed.unknown("not looked up"));
        Observed<List<String>> txtAnswer = facts.dns().getOrDefault(Facts.query("TXT", domain), Observed.unknown("not looked up"));
        if (mxAnswer.value().isEmpty() || txtAnswer.value().isEmpty()) {
            return Finding.unknown(check, domain + ": " + (mxAnswer.value().isEmpty() ? mxAnswer : txtAnswer).unknown());
        }
        List<String> missing = new ArrayList<>();
        if (mxAnswer.value().get().stream().noneMatch(value -> sameName(value.replaceFirst("^\\d+\\s+", ""), mx))) {
            missing.add(domain + " MX 10 " + mx);
        }
        if (txtAnswer.value().get().stream().noneMatch(value -> value.startsWith("v=spf1")
                && value.contains("include:amazonses.com"))) {
            missing.add(domain + " TXT \"v=spf1 include:amazonses.com ~all\"");
        }
        if (!missing.isEmpty()) {
            return Finding.problem(check, "the MAIL FROM domain " + domain + " lacks records", "add: "
                    + String.join("; ", missing));
        }
        return Finding.ok(check, domain + " has its MX and SPF records (SES: " + observed.value().get().mailFromStatus()
                + ")");
    }

    private static Finding dmarc(Facts facts) {
        String check = "DMARC";
        List<String> names = new ArrayList<>(List.of(facts.fromDomain()));
        organisationalDomain(facts.fromDomain()).ifPresent(names::add);
        for (String domain : names) {
            Observed<List<String>> answer = facts.dns().getOrDefault(Facts.query("TXT", "_dmarc." + domain),
                    Observed.unknown("not looked up"));
            if (answer.value().isEmpty()) {
                return Finding.unknown(check, "_dmarc." + domain + ": " + answer.unknown());
            }
            Optional<String> record = answer.value().get().stream().filter(value -> value.startsWith("v=DMARC1"))
                    .findFirst();
            if (record.isPresent()) {
                return Finding.ok(check, "_dmarc." + domain + ": " + record.get());
            }
        }
        return Finding.problem(check, "no DMARC record for " + facts.fromDomain() + ": Gmail and Yahoo require one"
                + " of bulk senders", "add TXT _dmarc." + facts.fromDomain() + " \"v=DMARC1; p=none; rua=mailto:dmarc@"
                + facts.fromDomain() + "\"");
    }

    private static Finding bounceReports(Observed<ConfigurationSet> observed) {
        String check = "bounce reports";
        if (observed.value().isEmpty()) {
            return Finding.unknown(check, observed.unknown());
        }
        ConfigurationSet set = observed.value().get();
        if (!set.exists()) {
            return Finding.problem(check, "the configuration set " + set.name() + " does not exist", "deploy the"
                    + " stack again (sam deploy), or give the name in its ConfigurationSet output");
        }
        if (!set.sendingEnabled()) {
            return Finding.problem(check, "sending is paused for the configuration set " + set.name(),
                    "aws sesv2 put-configuration-set-sending-options --configuration-set-name " + set.name()
                            + " --sending-enabled");
        }
        return set.reportsBounces() ? Finding.ok(check, set.name() + " reports bounces and complaints")
                : Finding.problem(check, set.name() + " has no enabled event destination for bounces and"
                        + " complaints: addresses that bounce would be mailed again", "deploy the stack again (sam"
                        + " deploy) to restore its BounceEvents destination");
    }

    private static Finding stackPause(Observed<StackPause> observed) {
        String check = "digest sending";
        if (observed.value().isEmpty()) {
            return Finding.unknown(check, observed.unknown());
        }
        StackPause stack = observed.value().get();
        return stack.pause().map(pause -> Finding.problem(check, OneLine.of("paused by the stack since " + pause.since()
                + ": " + pause.reason() + "; digest batches wait on the queue"), "check the bounce and complaint"
                + " rates (SES console, Reputation metrics) and remove their cause, then 'gazette sends resume --table "
                + stack.table() + "'"))
                .orElse(Finding.ok(check, "not paused in the table " + stack.table()));
    }

    private static Finding queue(String queue, Observed<Integer> waiting) {
        String check = "queue " + queue;
        if (waiting.value().isEmpty()) {
            return Finding.unknown(check, waiting.unknown());
        }
        int count = waiting.value().get();
        return count == 0 ? Finding.ok(check, "empty") : Finding.warning(check, count + (count == 1 ? " message waits"
                : " messages wait") + " after failing", "see the README, Operations: read the function's log for"
                + " the cause, fix it, then move the messages back");
    }

    private static boolean known(Observed<Identity> identity) {
        return identity.value().isPresent() && identity.value().get().exists();
    }

    private static Finding unknownIdentity(String check, Observed<Identity> identity) {
        return Finding.unknown(check, identity.value().isEmpty() ? identity.unknown()
                : "the domain is not an identity in SES");
    }

    private static String dkimName(String token, String domain) {
        return token + "._domainkey." + domain;
    }

    private static boolean sameName(String answer, String name) {
        return answer.replaceFirst("\\.$", "").equalsIgnoreCase(name);
    }

    /** The parent of a subdomain, where its DMARC record may also be (a simple cut, not the public suffix list). */
    private static Optional<String> organisationalDomain(String domain) {
        String[] labels = domain.split("\\.");
        return labels.length > 2 ? Optional.of(domain.substring(domain.indexOf('.') + 1)) : Optional.empty();
    }

    /** Whether every check found all well: nothing to do, nothing unknown. */
    public static boolean allWell(List<Finding> findings) {
        return findings.stream().allMatch(finding -> finding.verdict() == Finding.Verdict.OK);
    }
}
