package io.settle.app.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_contacts} table: each user's email address, locale and time zone as their latest bearer
 * token stated them (OIDC standard claims {@code email}, {@code locale}, {@code zoneinfo}). A small cache
 * keeps unchanged contacts from being written on every request.
 */
@Repository
public class UserContacts {

    public record Contact(String userId, String email, String locale, String timeZone) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Cache<String, Contact> recentlyWritten = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public UserContacts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Upserts what the token says; claims it does not carry keep their stored value. */
    public void remember(Contact contact) {
        if (Objects.equals(recentlyWritten.getIfPresent(contact.userId()), contact)) {
            return;
        }
        jdbc.update("""
                INSERT INTO user_contacts (user_id, email, locale, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    email = COALESCE(EXCLUDED.email, user_contacts.email),
                    locale = COALESCE(EXCLUDED.locale, user_contacts.locale),
                    time_zone = COALESCE(EXCLUDED.time_zone, user_contacts.time_zone),
                    updated_at = EXCLUDED.updated_at
                WHERE user_contacts.email IS DISTINCT FROM COALESCE(EXCLUDED.email, user_contacts.email)
                   OR user_contacts.locale IS DISTINCT FROM COALESCE(EXCLUDED.locale, user_contacts.locale)
                   OR user_contacts.time_zone IS DISTINCT FROM COALESCE(EXCLUDED.time_zone, user_contacts.time_zone)""",
                contact.userId(), contact.email(), contact.locale(), contact.timeZone(), Timestamp.from(clock.instant()));
        recentlyWritten.put(contact.userId(), contact);
    }

    public Optional<Contact> find(String userId) {
        return jdbc.query("SELECT user_id, email, locale, time_zone FROM user_contacts WHERE user_id = ?",
                (rs, i) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), userId)
                .stream().findFirst();
    }
}
