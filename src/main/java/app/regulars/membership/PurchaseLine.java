package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A validated purchase to import: the customer already found. */
public record PurchaseLine(long customerId, LocalDateTime at, BigDecimal amount, String note) {
}
