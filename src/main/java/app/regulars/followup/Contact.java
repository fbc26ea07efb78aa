package app.regulars.followup;

import java.time.LocalDateTime;

/** One contact with a customer: when, how, what was said, what came of it, what next. {@code id} null until saved. */
public record Contact(Long id, long customerId, LocalDateTime occurredAt, ContactChannel channel,
                          String summary, String outcome, String nextStep, Long followUpId) {
    public Contact withId(Long newId) {
        return new Contact(newId, customerId, occurredAt, channel, summary, outcome, nextStep, followUpId);
    }
}
