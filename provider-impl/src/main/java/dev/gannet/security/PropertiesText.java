package dev.gannet.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The security files' common syntax: {@link Properties} text in UTF-8 (ASCII files read the same in ISO-8859-1). */
final class PropertiesText {

    private PropertiesText() {
    }

    /**
     * The lines of {@code bytes}.
     *
     * @throws IllegalArgumentException if the text holds a malformed {@code \\uXXXX} escape
     */
    static Properties parse(byte[] bytes) {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static Properties parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties file: " + e.getMessage(), e);
        }
        return properties;
    }

    /** {@code key} written so that {@link Properties} reads it back as it is. */
    static String escapeKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '\\', '=', ':', '#', '!', ' ' -> out.append('\\').append(c);
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
