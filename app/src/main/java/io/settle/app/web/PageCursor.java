package io.settle.app.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * An opaque keyset cursor of (time, id): the last row of a page. Clients pass {@code nextCursor} back as
 * {@code cursor}; a tampered or foreign value is a 400, never a 500.
 */
public record PageCursor(Instant at, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toString() + "~" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int split = raw.indexOf('~');
            if (split < 1 || split == raw.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Instant.parse(raw.substring(0, split)), raw.substring(split + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.validation("Invalid cursor");
        }
    }
}
