package dev.gazette.doctor;

import java.util.Optional;

/**
 * Something the doctor looked up: its value, or why it could not be had (an API that did not answer, a DNS
 * server that refused). A check on something unknown says so rather than guessing.
 */
public record Observed<T>(Optional<T> value, String unknown) {
    public static <T> Observed<T> of(T value) {
        return new Observed<>(Optional.of(value), "");
    }

    public static <T> Observed<T> unknown(String why) {
        return new Observed<>(Optional.empty(), why);
    }
}
