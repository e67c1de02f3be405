package dev.gazette.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} text, as in a query string or a form's body, read strictly: a broken
 * percent sign or bytes that are not UTF-8 are an error, never quietly replaced.
 */
final class Form {
    private Form() {
    }

    /** The fields; where a name repeats, the first value. @throws IllegalArgumentException when malformed */
    static Map<String, String> parse(String text) {
        return firstValues(parseAll(text));
    }

    /** Each field's first value, as {@link #parse} gives them. */
    static Map<String, String> firstValues(Map<String, List<String>> all) {
        Map<String, String> fields = new LinkedHashMap<>();
        all.forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }

    /**
     * Every value of each field, in order: a form's checkboxes repeat a name.
     *
     * @throws IllegalArgumentException when malformed
     */
    static Map<String, List<String>> parseAll(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, first -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    /** Bytes as UTF-8 text. @throws IllegalArgumentException when they are not UTF-8 */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the request is not UTF-8 text");
        }
    }

    /** A URL's path, where a {@code +} is itself. @throws IllegalArgumentException when malformed */
    static String decodePath(String path) {
        return decode(path, false);
    }

    private static String decode(String encoded) {
        return decode(encoded, true);
    }

    private static String decode(String encoded, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("a '%' is not followed by two hex digits");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("a '%' is not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int codePoint = encoded.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return utf8(bytes.toByteArray());
    }
}
