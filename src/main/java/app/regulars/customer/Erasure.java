package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An erasure under way: whom ({@code customerId}, {@code code}), when, and the texts that name
 * them ({@code terms}: their name, phone numbers as stored and as written, email, WeChat id), which
 * each feature masks where another record mentions them (a follow-up about someone else that names
 * them). The terms exist only during the erasure; they are never stored or logged.
 */
public record Erasure(long customerId, String code, LocalDateTime at, List<String> terms) {
    /** What a mention is replaced with. */
    public static final String MASK = "***";

    public Erasure {
        terms = List.copyOf(terms);
    }
}
