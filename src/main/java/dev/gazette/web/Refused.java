package dev.gazette.web;

import java.util.Map;

/** What a request may not do; its message is shown to the person who sent it, and nothing was changed. */
final class Refused extends Exception {
    final int status;
    final Map<String, String> headers;

    Refused(int status, String message) {
        this(status, message, Map.of());
    }

    Refused(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }

    static Refused notAllowed(String allowed) {
        return new Refused(405, "This address does not take that kind of request.", Map.of("Allow", allowed));
    }

    /**
     * A query or body that {@link Form} cannot read. Only the parsing is caught this way: any other
     * IllegalArgumentException, such as a broken template's, is the service's fault and no answer to the request.
     */
    static Refused unreadable(IllegalArgumentException malformed) {
        return new Refused(400, "The request could not be read: " + malformed.getMessage());
    }

    /** A value refused by the rule that says why, as a sentence: "The name can be at most 100 characters long." */
    static Refused asSentence(IllegalArgumentException rule) {
        String reason = rule.getMessage();
        return new Refused(400, Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
    }
}
