package app.regulars.followup;

import app.regulars.i18n.Messages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The title a follow-up is shown with, and the generation keys it is rendered from (decision
 * 0011). A title typed by a person is shown as typed. A generated one (a birthday or holiday
 * greeting, a cadence check-in, a win-back) is rendered from its generation key and its
 * customer's current name in the language of the {@link Messages} given, so the calendar, the
 * profile, the printed list, the PDF, the CSV and the visit brief all speak the language of
 * the moment, not the one of the day the follow-up was made. Every place that shows a
 * follow-up's title goes through {@link #of}; the stored title is what was last written, kept
 * for search and shown when a key cannot be read.
 *
 * <p>The keys, one follow-up per key:
 * <ul>
 *   <li>{@code BIRTHDAY:<customer>:<the birthday's date>}</li>
 *   <li>{@code HOLIDAY:<Holiday>:<year>:<customer>}</li>
 *   <li>{@code CADENCE:<customer>:<the day the cadence counts from>} (made in SQL, see
 *   {@link FollowUpRepository#insertCadenceCheckIns})</li>
 *   <li>{@code WIN_BACK:<customer>:<the last purchase day>} (made by the insights, decision 0010)</li>
 *   <li>{@code COMPLAINT:<NPS|CSAT>:<score>:<survey response>} (a low score, opened by the surveys)</li>
 * </ul>
 */
public final class FollowUpTitles {
    static final String BIRTHDAY = "BIRTHDAY:";
    static final String HOLIDAY = "HOLIDAY:";
    static final String CADENCE = "CADENCE:";
    static final String WIN_BACK = "WIN_BACK:";
    static final String COMPLAINT = "COMPLAINT:";
    /** The kinds of survey whose low scores open a complaint. */
    private static final java.util.Set<String> SCORED_SURVEYS = java.util.Set.of("NPS", "CSAT");

    private FollowUpTitles() {
    }

    /** The title {@code f} is shown with, in the language of {@code messages}. */
    public static String of(FollowUp f, Messages messages) {
        if (f.titleTyped()) {
            return f.title();
        }
        String rendered = render(f.generationKey(), f.customerName(), messages);
        return rendered != null ? rendered : f.title();
    }

    /**
     * The title of the follow-up generated with {@code key} for the customer called
     * {@code customerName}; null when the key is not one whose title is rendered (or names no
     * date a birthday greeting needs, or there is no name to greet).
     */
    public static String render(String key, String customerName, Messages messages) {
        if (key == null) {
            return null;
        }
        if (key.startsWith(CADENCE)) {
            return messages.get("followup.auto.checkInTitle");
        }
        if (key.startsWith(WIN_BACK)) {
            return messages.get("followup.auto.winBackTitle");
        }
        if (key.startsWith(HOLIDAY)) {
            Holiday h = holiday(key);
            return h == null ? null : messages.get("followup.auto.holidayTitle", messages.get("followup.holiday." + h.name()));
        }
        if (key.startsWith(BIRTHDAY)) {
            // The customer's name stands beside the title everywhere it is shown.
            LocalDate day = birthday(key);
            return day == null ? null : messages.get("followup.auto.birthdayTitle", day.getMonthValue(), day.getDayOfMonth());
        }
        if (key.startsWith(COMPLAINT)) {
            String[] parts = complaint(key);
            return parts == null ? null : messages.get("followup.auto.complaintTitle",
                    messages.get("followup.complaint.survey." + parts[1]), Integer.parseInt(parts[2]));
        }
        return null;
    }

    /** Whether a follow-up made with {@code key} gets a rendered title (else its stored one is shown, as typed). */
    static boolean renders(String key) {
        return key != null && (key.startsWith(CADENCE) || key.startsWith(WIN_BACK)
                || (key.startsWith(HOLIDAY) && holiday(key) != null) || (key.startsWith(BIRTHDAY) && birthday(key) != null)
                || (key.startsWith(COMPLAINT) && complaint(key) != null));
    }

    static String birthdayKey(long customerId, LocalDate birthday) {
        return BIRTHDAY + customerId + ":" + birthday;
    }

    /** The key of a holiday greeting without its last part, the customer's id (appended in SQL). */
    static String holidayKeyPrefix(Holiday holiday, int year) {
        return HOLIDAY + holiday.name() + ":" + year + ":";
    }

    /** A win-back's key: one per customer and lapse (the last purchase day), see decision 0010. */
    public static String winBackKey(long customerId, LocalDate lastPurchaseDay) {
        return WIN_BACK + customerId + ":" + lastPurchaseDay;
    }

    /**
     * The key of a generated follow-up of customer {@code from} as customer {@code to}'s: after a
     * merge, the automatic follow-ups that moved keep the keys the generator would give the kept
     * customer, so that it makes none of them twice (decision 0025). A key that names no customer
     * (a complaint's: it names the survey response) or another one stays as it is.
     */
    static String rekey(String key, long from, long to) {
        if (key == null) {
            return null;
        }
        String f = Long.toString(from);
        for (String prefix : new String[] {BIRTHDAY, CADENCE, WIN_BACK}) {
            if (key.startsWith(prefix + f + ":")) {
                return prefix + to + key.substring(prefix.length() + f.length());
            }
        }
        if (key.startsWith(HOLIDAY) && key.endsWith(":" + f) && key.split(":").length == 4) {
            return key.substring(0, key.length() - f.length()) + to;
        }
        return key;
    }

    /**
     * What one planned generated follow-up of a customer stands for, of which a customer needs one
     * at a time: the check-in, the birthday greeting, the win-back, each holiday's greeting of a
     * year; null for a complaint (each one is of its own survey answer).
     */
    static String slot(String key) {
        if (key == null || key.startsWith(COMPLAINT)) {
            return null;
        }
        if (key.startsWith(HOLIDAY)) {
            int last = key.lastIndexOf(':');
            return last > 0 ? key.substring(0, last) : key;
        }
        int colon = key.indexOf(':');
        return colon > 0 ? key.substring(0, colon) : key;
    }

    /** A low score's complaint: one per survey response. */
    static String complaintKey(String surveyKind, int score, long responseId) {
        return COMPLAINT + surveyKind + ":" + score + ":" + responseId;
    }

    private static String[] complaint(String key) {
        String[] parts = key.split(":");
        return parts.length == 4 && SCORED_SURVEYS.contains(parts[1]) && parts[2].matches("-?\\d{1,3}") ? parts : null;
    }

    private static Holiday holiday(String key) {
        String[] parts = key.split(":");
        try {
            return parts.length >= 2 ? Holiday.valueOf(parts[1]) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate birthday(String key) {
        String[] parts = key.split(":");
        try {
            return parts.length == 3 ? LocalDate.parse(parts[2]) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
