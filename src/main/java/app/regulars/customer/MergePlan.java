package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A merge as planned: the kept customer, the others, whose value each {@link MergeField} takes
 * ({@code picks}: an index into {@link #all()}, 0 the kept customer), and what the features will
 * move ({@code moving}: a bundle key with a count to the count, see {@link MergeHook#count}).
 * By default each field keeps the kept customer's value, or takes the first other's where the
 * kept one has none. Phones, tags and emails are united; the opt-outs of marketing channels too
 * (an opt-out is never lost to a merge).
 */
public record MergePlan(Customer kept, List<Customer> others, Map<MergeField, Integer> picks, Map<String, Integer> moving) {
    public MergePlan {
        others = List.copyOf(others);
        picks = java.util.Collections.unmodifiableMap(new EnumMap<>(picks.isEmpty() ? new EnumMap<>(MergeField.class) : picks));
        moving = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(moving));
    }

    /** The plan with the default picks. */
    public static MergePlan of(Customer kept, List<Customer> others, Map<String, Integer> moving) {
        Map<MergeField, Integer> picks = new EnumMap<>(MergeField.class);
        List<Customer> all = new ArrayList<>();
        all.add(kept);
        all.addAll(others);
        for (MergeField f : MergeField.values()) {
            int pick = 0;
            if (f.valueOf(kept) == null) {
                for (int i = 1; i < all.size(); i++) {
                    if (f.valueOf(all.get(i)) != null) {
                        pick = i;
                        break;
                    }
                }
            }
            picks.put(f, pick);
        }
        return new MergePlan(kept, others, picks, moving);
    }

    /** The kept customer, then the others. */
    public List<Customer> all() {
        List<Customer> all = new ArrayList<>(others.size() + 1);
        all.add(kept);
        all.addAll(others);
        return all;
    }

    /** The fields on which the customers differ: those a person chooses. */
    public List<MergeField> differing() {
        List<MergeField> out = new ArrayList<>();
        for (MergeField f : MergeField.values()) {
            for (Customer o : others) {
                if (f.differs(kept, o)) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    /** The plan with {@code field} taken from the customer at {@code index} of {@link #all()}. */
    public MergePlan with(MergeField field, int index) {
        if (index < 0 || index > others.size()) {
            throw new IllegalArgumentException("no customer " + index);
        }
        Map<MergeField, Integer> p = new EnumMap<>(picks);
        p.put(field, index);
        return new MergePlan(kept, others, p, moving);
    }

    public int pick(MergeField field) {
        return picks.getOrDefault(field, 0);
    }

    /** The fields taken from one of the others. */
    public Set<MergeField> takenFromOthers() {
        Set<MergeField> out = EnumSet.noneOf(MergeField.class);
        picks.forEach((f, i) -> {
            if (i != 0) {
                out.add(f);
            }
        });
        return out;
    }

    /** Every phone of them all, the kept customer's first, each once. */
    public List<String> phones() {
        List<String> out = new ArrayList<>();
        for (Customer c : all()) {
            for (String p : c.phones()) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Every tag of them all, the kept customer's first, each once (ignoring case). */
    public List<String> tags() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Customer c : all()) {
            for (String t : c.tags()) {
                out.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
            }
        }
        return List.copyOf(out.values());
    }

    /** The emails of the others that the merged profile's email is not (ignoring case): they go to its notes. */
    public List<String> otherEmails() {
        Customer chosen = all().get(pick(MergeField.EMAIL));
        List<String> out = new ArrayList<>();
        for (Customer c : all()) {
            String e = c.email();
            if (e != null && !e.isBlank() && (chosen.email() == null || !e.equalsIgnoreCase(chosen.email()))
                    && out.stream().noneMatch(e::equalsIgnoreCase)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The merged profile, as it will be saved (before validation): the kept customer's id, card
     * number and archived state, each chosen field, the phones and tags of all, the opt-outs of
     * all, the earliest creation; each other email a line of the notes ({@code emailLine} gives it).
     */
    public Customer result(Function<String, String> emailLine) {
        Customer.Builder b = kept.toBuilder();
        List<Customer> all = all();
        for (MergeField f : MergeField.values()) {
            f.take(b, all.get(pick(f)));
        }
        b.phones(phones()).tags(tags());
        Customer chosenConsent = all.get(pick(MergeField.CONSENT));
        Set<MarketingChannel> optOuts = EnumSet.noneOf(MarketingChannel.class);
        for (Customer c : all) {
            optOuts.addAll(c.consent().optOuts());
        }
        b.consent(new Consent(chosenConsent.consent().marketing(), chosenConsent.consent().date(), optOuts));
        List<String> emails = otherEmails();
        if (!emails.isEmpty()) {
            String notes = all.get(pick(MergeField.NOTES)).notes();
            StringBuilder sb = new StringBuilder(notes == null ? "" : notes.strip());
            for (String e : emails) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(emailLine.apply(e));
            }
            b.notes(sb.toString());
        }
        LocalDateTime created = kept.createdAt();
        for (Customer c : others) {
            if (c.createdAt() != null && (created == null || c.createdAt().isBefore(created))) {
                created = c.createdAt();
            }
        }
        b.createdAt(created);
        return b.build();
    }

    /** What the features count ({@link #moving()}, {@link MergeService.Merged#moved()}) as words: "3 purchases, 1 coupon". */
    public static String countsText(Map<String, Integer> counts, app.regulars.i18n.Messages messages) {
        List<String> parts = new ArrayList<>();
        counts.forEach((key, n) -> parts.add(messages.get(key, n)));
        return String.join(messages.get("common.listSeparator"), parts);
    }
}
