package dev.gazette.doctor;

import dev.gazette.post.OneLine;

/**
 * What one check found, and what to do about it.
 *
 * @param fix what the operator should do; empty when all is well
 */
public record Finding(String check, Verdict verdict, String found, String fix) {
    public enum Verdict {
        OK, WARNING, PROBLEM, UNKNOWN
    }

    static Finding ok(String check, String found) {
        return new Finding(check, Verdict.OK, found, "");
    }

    static Finding warning(String check, String found, String fix) {
        return new Finding(check, Verdict.WARNING, found, fix);
    }

    static Finding problem(String check, String found, String fix) {
        return new Finding(check, Verdict.PROBLEM, found, fix);
    }

    static Finding unknown(String check, String why) {
        return new Finding(check, Verdict.UNKNOWN, "could not check: " + why, "");
    }

    /**
     * One line for a terminal: the verdict, the check, what was found, and what to do on a line of its own. What was
     * found may be anyone's text (a DNS TXT value, a reason written into the table), so it and the fix are escaped
     * ({@link OneLine}), not the line break between them.
     */
    @Override
    public String toString() {
        return String.format("%-8s %-22s %s%s", verdict, check, OneLine.of(found), fix.isEmpty() ? ""
                : "\n" + " ".repeat(32) + "→ " + OneLine.of(fix));
    }
}
