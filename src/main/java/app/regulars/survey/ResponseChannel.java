package app.regulars.survey;

import java.util.Locale;

/** How the customer's answers reached the shop. */
public enum ResponseChannel {
    VISIT, PHONE, WECHAT, SMS, EMAIL, OTHER;

    public String key() {
        return "survey.channel." + name().toLowerCase(Locale.ROOT);
    }
}
