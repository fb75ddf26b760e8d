package io.settle.app.notify;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a notification goes to: a user's address, locale and time zone from {@code user_contacts}, else the
 * configured address pattern and defaults; operators from {@code SETTLE_MAIL_ADMIN_TO}.
 */
@Component
public class Recipients {

    /** {@code email} is null when no address is known (yet). */
    public record Recipient(String key, String email, Locale locale, ZoneId zone) {
    }

    public static final String ADMIN = "admin";

    private final UserContacts contacts;
    private final MailSettings settings;

    public Recipients(UserContacts contacts, MailSettings settings) {
        this.contacts = contacts;
        this.settings = settings;
    }

    public Recipient user(String userId) {
        Optional<UserContacts.Contact> contact = contacts.find(userId);
        String email = contact.map(UserContacts.Contact::email).orElse(null);
        Locale locale = contact.map(UserContacts.Contact::locale).map(Locale::forLanguageTag)
                .orElse(settings.defaultLocale());
        ZoneId zone = contact.map(UserContacts.Contact::timeZone).map(ZoneId::of).orElse(settings.defaultZone());
        return new Recipient(userId, email == null ? patternAddress(userId) : email, locale, zone);
    }

    /** The address a user has now: what their token said last, else the pattern; null if neither. */
    public String currentAddress(String userId) {
        return contacts.find(userId).map(UserContacts.Contact::email).orElseGet(() -> patternAddress(userId));
    }

    public List<Recipient> admins() {
        return settings.adminTo().stream()
                .map(address -> new Recipient(ADMIN + ":" + address, address, settings.defaultLocale(),
                        settings.defaultZone()))
                .toList();
    }

    private String patternAddress(String userId) {
        String pattern = settings.addressPattern();
        if (pattern.isEmpty()) {
            return null;
        }
        // user ids are 1-128 of A-Za-z0-9._@:- ; keep only what is safe in a mailbox name
        String local = userId.replaceAll("[^A-Za-z0-9._-]", "_");
        return pattern.replace("{userId}", local);
    }
}
