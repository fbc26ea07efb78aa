package app.regulars.followup;

import app.regulars.customer.Birthday;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Creates the automatic follow-ups from the settings: birthday greetings N days ahead
 * (lunar birthdays converted to this year's date), greetings before New Year, Spring Festival
 * and Mid-Autumn (only for customers marketing may reach: consent given and a channel not opted
 * out of, decision 0021), and the contact cadence (a check-in N days after the last logged
 * contact, N per tier or tag, else the default, for customers not opted out of every channel; a
 * customer never contacted counts from their creation, and those already past that are spread
 * over the next N days, see {@link FollowUpRepository#insertCadenceCheckIns}).
 * Idempotent: each generated follow-up has a unique generation key, and a customer with a
 * planned check-in gets no second one. The titles are stored in the language of the run but
 * shown rendered from the keys in the language of the moment ({@link FollowUpTitles}).
 */
public final class AutoFollowUps {
    public static final String BIRTHDAY_DAYS = "followup.auto.birthdayDays";
    public static final String HOLIDAY_DAYS = "followup.auto.holidayDays";
    public static final String HORIZON_DAYS = "followup.auto.horizonDays";
    public static final String CADENCE_DEFAULT = "followup.cadence.defaultDays";
    /** {@code tier:Gold=30;tag:VIP=45}: the shortest matching rule wins. */
    public static final String CADENCE_RULES = "followup.cadence.rules";
    /** Whether a purchase in the shop counts as a contact for the cadence ("true" unless set to "false"). */
    public static final String PURCHASE_COUNTS = "followup.cadence.purchaseCounts";

    private static final int PAGE = 2000;

    private final FollowUpService service;
    private final Settings settings;

    public AutoFollowUps(FollowUpService service, Settings settings) {
        this.service = service;
        this.settings = settings;
    }

    /** What one run created. */
    public record Result(int birthdays, int holidays, int checkIns) {
        public int total() {
            return birthdays + holidays + checkIns;
        }
    }

    /** A cadence rule: customers in {@code tier} (or with {@code tag}) are due every {@code days}. */
    public record CadenceRule(boolean tier, String name, int days) {
        public CadenceRule {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("days");
            }
        }
    }

    public static List<CadenceRule> parseRules(String text) {
        List<CadenceRule> rules = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return rules;
        }
        for (String part : text.split(";")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            int eq = p.lastIndexOf('=');
            if (colon < 0 || eq < colon) {
                continue;
            }
            String type = p.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String name = p.substring(colon + 1, eq).strip();
            try {
                int days = Integer.parseInt(p.substring(eq + 1).strip());
                if (!name.isEmpty() && (type.equals("tier") || type.equals("tag"))) {
                    rules.add(new CadenceRule(type.equals("tier"), name, days));
                }
            } catch (IllegalArgumentException e) {
                // a malformed rule is skipped, the rest still apply
            }
        }
        return rules;
    }

    public static String formatRules(List<CadenceRule> rules) {
        return String.join(";", rules.stream().map(r -> (r.tier() ? "tier:" : "tag:") + r.name() + "=" + r.days()).toList());
    }

    private int setting(String key, int fallback) {
        try {
            return settings.get(key).map(String::strip).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Synchronized: the window may start it twice (a language switch rebuilds the shell) and NOT EXISTS alone would not stop a race. */
    public synchronized Result generate(Messages messages) {
        LocalDate today = service.today();
        LocalDateTime now = service.now();
        int birthdayDays = setting(BIRTHDAY_DAYS, 7);
        int holidayDays = setting(HOLIDAY_DAYS, 7);
        int horizon = Math.max(0, setting(HORIZON_DAYS, 14));
        LocalDate until = today.plusDays(horizon);
        FollowUpRepository repo = service.repository();

        int holidays = 0;
        for (Holiday h : Holiday.values()) {
            LocalDate date = h.next(today);
            LocalDate due = max(today, date.minusDays(holidayDays));
            if (!due.isAfter(until)) {
                String prefix = FollowUpTitles.holidayKeyPrefix(h, date.getYear());
                String title = FollowUpTitles.render(prefix, null, messages);
                holidays += service.database().write(cfg -> repo.insertHolidayGreetings(cfg.dsl(), prefix, title, due.atStartOfDay(), now));
            }
        }

        int birthdays = 0;
        long after = 0;
        while (true) {
            List<FollowUpRepository.BirthdayRow> page = repo.birthdays(service.database().dsl(), after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.getLast().customerId();
            List<FollowUp> todo = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (var row : page) {
                LocalDate next;
                try {
                    Birthday b = "LUNAR".equals(row.calendar())
                            ? Birthday.lunar(null, row.month(), row.day(), row.leap())
                            : new Birthday(Birthday.Kind.SOLAR, null, row.month(), row.day(), false);
                    next = b.nextOccurrence(today);
                } catch (RuntimeException e) {
                    continue; // an impossible stored date: no greeting rather than no generation
                }
                LocalDate due = max(today, next.minusDays(birthdayDays));
                if (due.isAfter(until)) {
                    continue;
                }
                String key = FollowUpTitles.birthdayKey(row.customerId(), next);
                FollowUp f = FollowUp.planned(row.customerId(), FollowUpKind.BIRTHDAY,
                        FollowUpTitles.render(key, row.name(), messages), due.atStartOfDay()).withDue(due.atStartOfDay(), true);
                todo.add(f);
                keys.add(key);
            }
            if (!todo.isEmpty()) {
                birthdays += service.database().write(cfg -> {
                    int n = 0;
                    for (int i = 0; i < todo.size(); i++) {
                        if (repo.insertIfAbsent(cfg.dsl(), todo.get(i), keys.get(i), now)) {
                            n++;
                        }
                    }
                    return n;
                });
            }
        }

        List<CadenceRule> rules = new ArrayList<>(parseRules(settings.get(CADENCE_RULES).orElse(null)));
        rules.sort(Comparator.comparingInt(CadenceRule::days));
        String title = FollowUpTitles.render(FollowUpTitles.CADENCE, null, messages);
        boolean purchasesCount = !"false".equals(settings.get(PURCHASE_COUNTS).orElse("true"));
        if (purchasesCount) {
            service.database().write(cfg -> repo.cancelCadenceCheckInsBoughtSince(cfg.dsl(), now));
        }
        int checkIns = 0;
        for (CadenceRule r : rules) {
            var scope = r.tier() ? repo.inTier(r.name()) : repo.hasTag(r.name());
            checkIns += service.database().write(cfg -> repo.insertCadenceCheckIns(cfg.dsl(), scope, r.days(), until, title, now, purchasesCount));
        }
        int fallback = setting(CADENCE_DEFAULT, 90);
        if (fallback > 0) {
            checkIns += service.database().write(cfg -> repo.insertCadenceCheckIns(cfg.dsl(), repo.everyone(), fallback, until, title, now, purchasesCount));
        }
        return new Result(birthdays, holidays, checkIns);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
