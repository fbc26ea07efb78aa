package app.regulars.membership;

import app.regulars.store.Settings;

import java.util.Currency;
import java.util.Locale;

/** The membership settings kept in the store's key/value settings. */
public final class MembershipSettings {
    public static final String CURRENCY = "membership.currency";
    public static final String RULE = "membership.rule";
    public static final String EXPIRY_MONTHS = "membership.expiryMonths";
    public static final String BIRTHDAY_DAYS = "membership.birthdayDaysAhead";
    public static final String BIRTHDAY_AMOUNT = "membership.birthdayCouponAmount";
    public static final String BIRTHDAY_AUTO = "membership.birthdayCouponsAutomatic";

    private final Settings settings;
    private final Locale locale;

    public MembershipSettings(Settings settings, Locale locale) {
        this.settings = settings;
        this.locale = locale;
    }

    /** The shop's currency: the setting, else CNY for Chinese, else the locale's own (USD when it has none). */
    public Currency currency() {
        return settings.get(CURRENCY).map(Currency::getInstance).orElseGet(() -> defaultCurrency(locale));
    }

    static Currency defaultCurrency(Locale locale) {
        if ("zh".equals(locale.getLanguage())) {
            return Currency.getInstance("CNY");
        }
        try {
            return locale.getCountry().isEmpty() ? Currency.getInstance("USD") : Currency.getInstance(locale);
        } catch (IllegalArgumentException e) {
            return Currency.getInstance("USD");
        }
    }

    public void setCurrency(Currency c) {
        settings.requireOwner(); // decision 0033
        settings.put(CURRENCY, c.getCurrencyCode());
    }

    public TierRule rule() {
        return settings.get(RULE).map(TierRule::valueOf).orElse(TierRule.SPEND_12_MONTHS);
    }

    public void setRule(TierRule rule) {
        settings.requireOwner(); // decision 0033
        settings.put(RULE, rule.name());
    }

    /** Months after which earned points expire; 0 means never. */
    public int expiryMonths() {
        return settings.get(EXPIRY_MONTHS).map(Integer::parseInt).orElse(24);
    }

    public void setExpiryMonths(int months) {
        settings.requireOwner(); // decision 0033
        if (months < 0 || months > 600) {
            throw new app.regulars.i18n.UserException("membership.error.expiryMonths");
        }
        settings.put(EXPIRY_MONTHS, Integer.toString(months));
    }

    public int birthdayDaysAhead() {
        return settings.get(BIRTHDAY_DAYS).map(Integer::parseInt).orElse(7);
    }

    public void setBirthdayDaysAhead(int days) {
        settings.requireOwner(); // decision 0033
        if (days < 0 || days > 60) {
            throw new app.regulars.i18n.UserException("membership.error.birthdayDays", 60);
        }
        settings.put(BIRTHDAY_DAYS, Integer.toString(days));
    }

    public java.math.BigDecimal birthdayCouponAmount() {
        return settings.get(BIRTHDAY_AMOUNT).map(java.math.BigDecimal::new).orElse(new java.math.BigDecimal("20.00"));
    }

    /** The value of a birthday coupon, in the shop's currency (more than 0). */
    public void setBirthdayCouponAmount(java.math.BigDecimal amount) {
        settings.requireOwner(); // decision 0033
        if (MembershipService.checkAmount(amount).signum() == 0) {
            throw new app.regulars.i18n.UserException("membership.error.couponValue");
        }
        settings.put(BIRTHDAY_AMOUNT, amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
    }

    /** Whether birthday coupons are issued when Regulars starts (default yes); else only from the button or the command. */
    public boolean birthdayCouponsAutomatic() {
        return settings.get(BIRTHDAY_AUTO).map(Boolean::parseBoolean).orElse(true);
    }

    public void setBirthdayCouponsAutomatic(boolean automatic) {
        settings.requireOwner(); // decision 0033
        settings.put(BIRTHDAY_AUTO, Boolean.toString(automatic));
    }
}
