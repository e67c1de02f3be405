package dev.gazette.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.doctor.Facts.Account;
import dev.gazette.doctor.Facts.ConfigurationSet;
import dev.gazette.doctor.Facts.Identity;
import dev.gazette.doctor.Facts.StackPause;
import dev.gazette.doctor.Finding.Verdict;
import dev.gazette.publish.SendingPause.Pause;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each check of {@link Doctor}, in its good case and its bad one. */
class DoctorTest {
    private static final Account PRODUCTION = new Account(true, true, "HEALTHY", 50_000, 14, 120);
    private static final Identity VERIFIED = new Identity(true, true, "SUCCESS", List.of("tok1", "tok2"),
            "mail.example.com", "SUCCESS");
    private static final ConfigurationSet REPORTING = new ConfigurationSet("blog-digest", true, true, true);
    private static final Observed<StackPause> NOT_PAUSED = Observed.of(new StackPause("blog-table", Optional.empty()));

    /** DNS as it should be for {@link #VERIFIED}. */
    private static Map<String, Observed<List<String>>> goodDns() {
        Map<String, Observed<List<String>>> dns = new HashMap<>();
        dns.put("TXT _dmarc.example.com", Observed.of(List.of("v=DMARC1; p=quarantine")));
        dns.put("CNAME tok1._domainkey.example.com", Observed.of(List.of("tok1.dkim.amazonses.com.")));
        dns.put("CNAME tok2._domainkey.example.com", Observed.of(List.of("tok2.dkim.amazonses.com.")));
        dns.put("MX mail.example.com", Observed.of(List.of("10 feedback-smtp.eu-west-1.amazonses.com.")));
        dns.put("TXT mail.example.com", Observed.of(List.of("v=spf1 include:amazonses.com ~all")));
        return dns;
    }

    private static Facts facts(Account account, Identity identity, ConfigurationSet set,
            Map<String, Observed<List<String>>> dns, int waiting) {
        return new Facts("example.com", "eu-west-1", Observed.of(account), Observed.of(identity), Observed.of(set),
                NOT_PAUSED, Map.of("FailedEvents", Observed.of(waiting)), dns);
    }

    private static Finding finding(Facts facts, String check) {
        return Doctor.examine(facts).stream().filter(finding -> finding.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + check));
    }

    @Test
    void aWellSetUpAccountHasNothingToDo() {
        List<Finding> findings = Doctor.examine(facts(PRODUCTION, VERIFIED, REPORTING, goodDns(), 0));
        assertTrue(Doctor.allWell(findings), findings.toString());
        assertEquals(List.of("SES sandbox", "SES sending", "SES quota", "sending domain", "DKIM", "MAIL FROM (SPF)",
                "DMARC", "bounce reports", "digest sending", "queue FailedEvents"), findings.stream().map(Finding::check).toList());
    }

    @Test
    void theSandboxAndAPausedAccountAreProblems() {
        Account sandboxed = new Account(false, false, "PROBATION", 200, 1, 10);
        Facts facts = facts(sandboxed, VERIFIED, REPORTING, goodDns(), 0);
        assertEquals(Verdict.PROBLEM, finding(facts, "SES sandbox").verdict());
        assertTrue(finding(facts, "SES sandbox").fix().contains("production access"));
        Finding sending = finding(facts, "SES sending");
        assertEquals(Verdict.PROBLEM, sending.verdict());
        assertTrue(sending.found().contains("PROBATION"), sending.found());
    }

    @Test
    void aQuotaNearlyUsedUpIsAWarning() {
        Facts facts = facts(new Account(true, true, "HEALTHY", 50_000, 14, 45_000), VERIFIED, REPORTING, goodDns(), 0);
        Finding quota = finding(facts, "SES quota");
        assertEquals(Verdict.WARNING, quota.verdict());
        assertEquals("45000 of 50000 emails in 24 hours used, at most 14 a second", quota.found());
        assertEquals(Verdict.OK, finding(facts(PRODUCTION, VERIFIED, REPORTING, goodDns(), 0), "SES quota").verdict());
    }

    @Test
    void aDomainSesDoesNotKnowOrHasNotVerified() {
        Finding missing = finding(facts(PRODUCTION, Identity.missing(), REPORTING, goodDns(), 0), "sending domain");
        assertEquals(Verdict.PROBLEM, missing.verdict());
        assertTrue(missing.fix().startsWith("aws sesv2 create-email-identity --email-identity example.com"));
        Identity pending = new Identity(true, false, "PENDING", List.of("tok1", "tok2"), "", "");
        assertEquals(Verdict.PROBLEM, finding(facts(PRODUCTION, pending, REPORTING, goodDns(), 0), "sending domain")
                .verdict());
    }

    @Test
    void dkimRecordsMissingFromDnsAreNamed() {
        Map<String, Observed<List<String>>> dns = goodDns();
        dns.put("CNAME tok2._domainkey.example.com", Observed.of(List.of()));
        Finding dkim = finding(facts(PRODUCTION, VERIFIED, REPORTING, dns, 0), "DKIM");
        assertEquals(Verdict.PROBLEM, dkim.verdict());
        assertEquals("add: tok2._domainkey.example.com CNAME tok2.dkim.amazonses.com", dkim.fix());
    }

    @Test
    void withoutACustomMailFromDomainSpfIsNotAligned() {
        Identity plain = new Identity(true, true, "SUCCESS", List.of("tok1", "tok2"), "", "");
        Finding mailFrom = finding(facts(PRODUCTION, plain, REPORTING, goodDns(), 0), "MAIL FROM (SPF)");
        assertEquals(Verdict.WARNING, mailFrom.verdict());
        assertTrue(mailFrom.fix().contains("--mail-from-domain mail.example.com"), mailFrom.fix());
    }

    @Test
    void aMailFromDomainWithoutItsRecordsIsAProblem() {
        Map<String, Observed<List<String>>> dns = goodDns();
        dns.put("MX mail.example.com", Observed.of(List.of("10 feedback-smtp.us-east-1.amazonses.com.")));
        dns.put("TXT mail.example.com", Observed.of(List.of("v=spf1 -all")));
        Finding mailFrom = finding(facts(PRODUCTION, VERIFIED, REPORTING, dns, 0), "MAIL FROM (SPF)");
        assertEquals(Verdict.PROBLEM, mailFrom.verdict());
        assertEquals("add: mail.example.com MX 10 feedback-smtp.eu-west-1.amazonses.com; mail.example.com TXT"
                + " \"v=spf1 include:amazonses.com ~all\"", mailFrom.fix());
    }

    @Test
    void noDmarcRecordIsAProblem() {
        Map<String, Observed<List<String>>> dns = goodDns();
        dns.put("TXT _dmarc.example.com", Observed.of(List.of("google-site-verification=abc")));
        Finding dmarc = finding(facts(PRODUCTION, VERIFIED, REPORTING, dns, 0), "DMARC");
        assertEquals(Verdict.PROBLEM, dmarc.verdict());
        assertTrue(dmarc.fix().startsWith("add TXT _dmarc.example.com \"v=DMARC1; p=none"), dmarc.fix());
    }

    @Test
    void aSubdomainHasTheDmarcRecordOfItsParent() {
        List<String> queries = Doctor.dnsQueries("news.example.com", Optional.empty());
        assertEquals(List.of("TXT _dmarc.news.example.com", "TXT _dmarc.example.com"), queries);
        Facts facts = new Facts("news.example.com", "eu-west-1", Observed.of(PRODUCTION), Observed.unknown("not asked"),
                Observed.of(REPORTING), NOT_PAUSED, Map.of(), Map.of("TXT _dmarc.news.example.com", Observed.of(List.of()),
                        "TXT _dmarc.example.com", Observed.of(List.of("v=DMARC1; p=reject"))));
        assertEquals(Verdict.OK, finding(facts, "DMARC").verdict());
    }

    @Test
    void bounceReportsMustReachTheStack() {
        Facts noDestination = facts(PRODUCTION, VERIFIED, new ConfigurationSet("blog-digest", true, true, false),
                goodDns(), 0);
        assertEquals(Verdict.PROBLEM, finding(noDestination, "bounce reports").verdict());
        Facts paused = facts(PRODUCTION, VERIFIED, new ConfigurationSet("blog-digest", true, false, true), goodDns(), 0);
        assertTrue(finding(paused, "bounce reports").fix().contains("put-configuration-set-sending-options"));
        Facts gone = facts(PRODUCTION, VERIFIED, new ConfigurationSet("blog-digest", false, false, false), goodDns(), 0);
        assertTrue(finding(gone, "bounce reports").found().contains("does not exist"));
    }

    @Test
    void aPauseTheStackSetIsAProblemThatSaysHowToEndIt() {
        Instant since = Instant.parse("2026-11-28T06:15:00Z");
        Observed<StackPause> paused = Observed.of(new StackPause("blog-table",
                Optional.of(new Pause("alarm blog-BounceRate: bounce rate 6%\nover 5%", since))));
        Facts facts = new Facts("example.com", "eu-west-1", Observed.of(PRODUCTION), Observed.of(VERIFIED),
                Observed.of(REPORTING), paused, Map.of(), goodDns());
        Finding sending = finding(facts, "digest sending");
        assertEquals(Verdict.PROBLEM, sending.verdict());
        assertEquals("paused by the stack since 2026-11-28T06:15:00Z: alarm blog-BounceRate: bounce rate 6%\\nover"
                + " 5%; digest batches wait on the queue", sending.found());
        assertTrue(sending.fix().contains("bounce and complaint rates"), sending.fix());
        assertTrue(sending.fix().endsWith("'gazette sends resume --table blog-table'"), sending.fix());
        assertTrue(!Doctor.allWell(Doctor.examine(facts)));

        Finding running = finding(facts(PRODUCTION, VERIFIED, REPORTING, goodDns(), 0), "digest sending");
        assertEquals(Verdict.OK, running.verdict());
        assertEquals("not paused in the table blog-table", running.found());
    }

    @Test
    void messagesWaitingInAFailureQueueAreAWarning() {
        Finding queue = finding(facts(PRODUCTION, VERIFIED, REPORTING, goodDns(), 3), "queue FailedEvents");
        assertEquals(Verdict.WARNING, queue.verdict());
        assertEquals("3 messages wait after failing", queue.found());
    }

    @Test
    void whatCouldNotBeLookedUpIsSaidAndNotGuessed() {
        Facts facts = new Facts("example.com", "eu-west-1", Observed.unknown("SES GetAccount: 403"),
                Observed.unknown("SES GetEmailIdentity: 403"), Observed.unknown("no --configuration-set given"),
                Observed.unknown("no --table given"), Map.of(), Map.of());
        List<Finding> findings = Doctor.examine(facts);
        assertTrue(findings.stream().allMatch(finding -> finding.verdict() == Verdict.UNKNOWN), findings.toString());
        assertEquals("could not check: SES GetAccount: 403", findings.get(0).found());
        assertEquals("could not check: no --table given", finding(facts, "digest sending").found());
        assertTrue(!Doctor.allWell(findings));
    }
}
