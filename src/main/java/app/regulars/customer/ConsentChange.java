package app.regulars.customer;

import java.time.LocalDateTime;

/** One entry of a customer's consent history: when, from where, and the consent as it was after it. */
public record ConsentChange(LocalDateTime changedAt, ConsentSource source, Consent consent) {
}
