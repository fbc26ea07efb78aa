package app.regulars.customer;

import app.regulars.i18n.UserException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;

/**
 * Phone numbers through libphonenumber: stored in E.164 ({@code +8613812345678}), typed and
 * shown in the shop's region's national format, other regions' numbers internationally.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String region;

    public PhoneNumbers(String region) {
        this.region = region == null || region.isBlank() ? "CN" : region.toUpperCase(Locale.ROOT);
    }

    /** The region of a locale's country, CN when the locale names none. */
    public static PhoneNumbers forLocale(Locale locale) {
        String country = locale == null ? "" : locale.getCountry();
        return new PhoneNumbers(country.isEmpty() || UTIL.getCountryCodeForRegion(country) == 0 ? "CN" : country);
    }

    public String region() {
        return region;
    }

    /** E.164 form of a typed number; a {@link UserException} when it is not a valid number. */
    public String normalize(String typed) {
        String raw = typed == null ? "" : typed.strip();
        if (raw.isEmpty()) {
            throw new UserException("customer.error.phoneEmpty");
        }
        if (raw.codePoints().anyMatch(Character::isLetter)) {
            // libphonenumber reads letters as keypad digits (138abcd1234 -> 13822231234): a typing slip, not a number
            throw new UserException("customer.error.phoneLetters", raw);
        }
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (!UTIL.isValidNumber(number)) {
                throw new UserException("customer.error.phoneInvalid", raw);
            }
            return UTIL.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new UserException(e, "customer.error.phoneInvalid", raw);
        }
    }

    /** For display: national format for this region's numbers, international for others. */
    public String format(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, region);
            String numberRegion = UTIL.getRegionCodeForNumber(number);
            return UTIL.format(number, region.equals(numberRegion) ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** The digits of the national number, as a person would type them ({@code 13812345678}). */
    public static String nationalDigits(String e164) {
        try {
            return String.valueOf(UTIL.parse(e164, "CN").getNationalNumber());
        } catch (NumberParseException e) {
            return e164.replaceAll("\\D", "");
        }
    }
}
