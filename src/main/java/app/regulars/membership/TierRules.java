package app.regulars.membership;

import app.regulars.i18n.UserException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks on a set of tiers: no gap at the bottom, thresholds rising, values in range. */
public final class TierRules {
    private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private TierRules() {
    }

    /** The tiers in the given order with positions 0..n-1 and trimmed names, or a UserException. */
    public static List<Tier> validate(List<Tier> tiers) {
        if (tiers == null || tiers.isEmpty()) {
            throw new UserException("membership.error.noTiers");
        }
        List<Tier> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        BigDecimal previous = null;
        String previousName = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            String name = t.name() == null ? "" : t.name().strip();
            if (name.isEmpty() || name.length() > 60) {
                throw new UserException("membership.error.tierName", i + 1);
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new UserException("membership.error.tierNameTaken", name);
            }
            BigDecimal threshold = t.threshold();
            if (threshold == null || threshold.signum() < 0) {
                throw new UserException("membership.error.threshold", name);
            }
            if (i == 0 && threshold.signum() != 0) {
                throw new UserException("membership.error.lowestThreshold", name);
            }
            if (previous != null && threshold.compareTo(previous) <= 0) {
                throw new UserException("membership.error.thresholdOrder", name, previousName);
            }
            if (t.earnRate() == null || t.earnRate().signum() < 0 || t.earnRate().compareTo(new BigDecimal("1000")) > 0) {
                throw new UserException("membership.error.earnRate", name);
            }
            BigDecimal discount = t.discountPercent() == null ? BigDecimal.ZERO : t.discountPercent();
            if (discount.signum() < 0 || discount.compareTo(HUNDRED) > 0) {
                throw new UserException("membership.error.discount", name);
            }
            String colour = t.colour() == null || t.colour().isBlank() ? "#888888" : t.colour().strip();
            if (!COLOUR.matcher(colour).matches()) {
                throw new UserException("membership.error.colour", name);
            }
            String benefits = t.benefits() == null || t.benefits().isBlank() ? null : t.benefits().strip();
            if (benefits != null && benefits.length() > 2000) {
                throw new UserException("membership.error.tooLong", 2000);
            }
            out.add(new Tier(t.id(), name, t.nameKey() != null && name.equals(t.name()) ? t.nameKey() : null, i,
                    threshold.setScale(2, java.math.RoundingMode.HALF_UP), t.earnRate(), discount, benefits, colour));
            previous = threshold;
            previousName = name;
        }
        return out;
    }
}
