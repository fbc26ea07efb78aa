package app.regulars.customer;

/** The channels a customer can opt out of for marketing. */
public enum ContactChannel {
    PHONE, SMS, WECHAT, EMAIL
}
