package app.regulars.followup;

import java.time.LocalDateTime;

/** One contact with a customer: when, how, what was said, what came of it, what next. {@code id} null until saved. */
public record Interaction(Long id, long customerId, LocalDateTime occurredAt, Channel channel,
                          String summary, String outcome, String nextStep, Long followUpId) {
    public Interaction withId(Long newId) {
        return new Interaction(newId, customerId, occurredAt, channel, summary, outcome, nextStep, followUpId);
    }
}
