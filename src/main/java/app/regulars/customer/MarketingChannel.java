package app.regulars.customer;

/** The channels a customer can opt out of for marketing. */
public enum MarketingChannel {
    PHONE, SMS, WECHAT, EMAIL
}
