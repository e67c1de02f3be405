package dev.gazette.subscriber;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/** Checks and normalises an email address as a reader typed it, so the stored address is the one mailed. */
public final class EmailAddress {
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /**
     * The address to store and mail: its domain in lower case and, for an international domain name, in its ASCII
     * form ({@code ada@bücher.de} is {@code ada@xn--bcher-kva.de}). Empty when {@code typed} is not exactly one
     * address, as Jakarta Mail's strict parser reads RFC 5322.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        // Control characters anywhere, even at the ends, are an attempt at header injection, not typing.
        if (typed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        String address = typed.strip();
        if (address.isEmpty() || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        if (!local.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!domain.contains(".") || domain.endsWith(".") || domain.startsWith(".")) {
            return Optional.empty();
        }
        String normalised = local + "@" + domain;
        if (normalised.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(normalised, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(normalised)) {
                return Optional.empty();
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(normalised);
    }
}
