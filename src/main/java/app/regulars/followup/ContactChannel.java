package app.regulars.followup;

/** How a contact with a customer happened. */
public enum ContactChannel {
    PHONE, VISIT, IN_STORE, WECHAT, SMS, EMAIL
}
