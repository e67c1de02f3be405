package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @ParameterizedTest
    @CsvSource({
        "ada@example.com,        ada@example.com",
        "'  ada@example.com  ',  ada@example.com",
        "Ada.L+news@Example.COM, Ada.L+news@example.com",
        "ada@Bücher.de,          ada@xn--bcher-kva.de",
    })
    void normalisesTheDomainAndKeepsTheLocalPart(String typed, String stored) {
        assertEquals(Optional.of(stored), EmailAddress.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ada", "ada@", "@example.com", "ada@localhost", "Ada <ada@example.com>",
        "ada@example.com, eve@example.com", "ada@example.com\r\nBcc: eve@example.com", "a b@example.com",
        "ädä@example.com", "ada@exa mple.com", "ada@-example.com", "ada@example.com.", "<script>@example.com"})
    void rejectsWhatIsNotOneAddress(String typed) {
        assertEquals(Optional.empty(), EmailAddress.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 1000})
    void rejectsAbsurdLengths(int length) {
        assertEquals(Optional.empty(), EmailAddress.normalise("a".repeat(length - "@example.com".length()) + "@example.com"));
    }
}
