package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.DigestComposer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final Map<String, String> ENV = Map.of(Config.SITE_URL, "https://example.com/",
            Config.TABLE, "gazette");

    @Test
    void theSenderIsTakenAsConfigured() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put(Config.FROM, "Example Blog <news@example.com>");

        assertEquals("Example Blog <news@example.com>", Config.from(env).mail().from());
    }

    @Test
    void aSenderWithALineBreakAndASecondAddressIsRefusedNotCut() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put(Config.FROM, "Example Blog <news@example.com>\r\nBcc: eve@example.com");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Config.from(env));

        assertEquals("GAZETTE_FROM (the SenderAddress parameter) \"Example Blog <news@example.com>\\r\\nBcc:"
                + " eve@example.com\" has a line break or control character in it: give one address, such as"
                + " 'Ada <ada@example.com>'", refused.getMessage());
    }

    @Test
    void aSenderOfTwoAddressesIsRefused() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put(Config.FROM, "news@example.com, eve@example.com");

        assertThrows(IllegalArgumentException.class, () -> Config.from(env));
    }

    @Test
    void digestsTakeEightyPercentOfTheRateUnlessSetAndNeverNoneOrMoreThanAll() {
        assertEquals(0.8, Config.from(ENV).mail().digestShare());
        Map<String, String> env = new HashMap<>(ENV);
        env.put(Config.DIGEST_RATE_SHARE, "50");
        assertEquals(0.5, Config.from(env).mail().digestShare());

        for (String wrong : new String[] {"0", "101", "-5", "NaN", "eighty"}) {
            env.put(Config.DIGEST_RATE_SHARE, wrong);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Config.from(env));
            assertTrue(refused.getMessage().startsWith(Config.DIGEST_RATE_SHARE + " is not"), refused.getMessage());
        }
    }

    @Test
    void settingsReadAtFirstUseAreReadAsTheOthers() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put(Config.HUB_URL, "  https://hub.example.com/ ");
        env.put(Config.CAPTCHA, " ");
        env.put(Config.WELCOME_POSTS, "three");
        env.put(Config.SUBSCRIBE_LIMIT, "ten");
        Cloud cloud = new Cloud(env);

        assertEquals("https://hub.example.com/", cloud.variable(Config.HUB_URL));
        assertEquals(null, cloud.variable(Config.CAPTCHA), "blank is unset");
        assertEquals("GAZETTE_WELCOME_POSTS is not a whole number: three",
                assertThrows(IllegalArgumentException.class, cloud::welcomePosts).getMessage());
        assertEquals("GAZETTE_SUBSCRIBE_LIMIT is not a whole number: ten",
                assertThrows(IllegalArgumentException.class, cloud::clientLimit).getMessage());
    }

    @Test
    void theDigestIsFullOrSummaryAsOnTheCommandLine() {
        Map<String, String> env = new HashMap<>(ENV);
        assertEquals(DigestComposer.Content.FULL, Config.from(env).digest().content());
        env.put(Config.DIGEST_CONTENT, "summary");
        assertEquals(DigestComposer.Content.SUMMARY, Config.from(env).digest().content());

        env.put(Config.DIGEST_CONTENT, "weekly");
        assertEquals("GAZETTE_DIGEST_CONTENT is 'full' or 'summary', not 'weekly'",
                assertThrows(IllegalArgumentException.class, () -> Config.from(env)).getMessage());
    }
}
