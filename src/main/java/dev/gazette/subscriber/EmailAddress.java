package dev.gazette.subscriber;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;

/** Checks and normalises an email address as a reader typed it. */
public final class EmailAddress {
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /** The address to store and mail, with its domain in lower case, or empty when {@code typed} is not one address. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String address = typed.strip();
        if (address.isEmpty() || address.length() > MAX_LENGTH || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
                return Optional.empty();
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1 || !address.substring(at + 1).contains(".")) {
            return Optional.empty();
        }
        return Optional.of(address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
