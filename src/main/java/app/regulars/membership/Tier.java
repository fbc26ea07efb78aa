package app.regulars.membership;

import app.regulars.i18n.Messages;

import java.math.BigDecimal;

/**
 * A member tier. {@code nameKey} is set while the tier keeps its built-in name (Bronze,
 * Silver, ...), which is then shown in the user's language; renaming clears it.
 */
public record Tier(Long id, String name, String nameKey, int position, BigDecimal threshold,
                   BigDecimal earnRate, BigDecimal discountPercent, String benefits, String colour) {

    public String displayName(Messages messages) {
        return nameKey != null && messages.has(nameKey) ? messages.get(nameKey) : name;
    }

    public Tier withPosition(int p) {
        return new Tier(id, name, nameKey, p, threshold, earnRate, discountPercent, benefits, colour);
    }

    public Tier renamed(String newName) {
        return new Tier(id, newName, null, position, threshold, earnRate, discountPercent, benefits, colour);
    }
}
