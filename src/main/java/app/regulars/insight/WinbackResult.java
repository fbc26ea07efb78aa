package app.regulars.insight;

import app.regulars.i18n.Messages;

/**
 * What one planning run did: win-backs planned (and coupons issued with them), customers who
 * already had a planned win-back, and customers skipped for consent: no marketing consent, or
 * opted out of every channel.
 */
public record WinbackResult(int planned, int alreadyPlanned, int noConsent, int optedOut, int coupons) {
    public static final WinbackResult NONE = new WinbackResult(0, 0, 0, 0, 0);

    public int skipped() {
        return alreadyPlanned + noConsent + optedOut;
    }

    /** One sentence in the user's language. */
    public String summary(Messages messages) {
        return messages.get("insight.winback.result", planned, alreadyPlanned, noConsent, optedOut, coupons);
    }
}
