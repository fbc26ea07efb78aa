package app.regulars.customer;

/** The fields of a profile that validation can point at. */
public enum CustomerField {
    CODE, NAME, PHONES, EMAIL, WECHAT, BIRTHDAY, ADDRESS, COMPANY, JOB_TITLE, SOURCE, TAGS, NOTES, PREFERENCES, CONSENT,
    /** One of the custom fields: its problem names the field. */
    CUSTOM
}
