package app.regulars.membership;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One line of a customer's points ledger. */
public record PointEntry(long id, PointKind kind, int points, int remaining, LocalDateTime at,
                         LocalDate expiresOn, Long purchaseId, String reason) {
}
