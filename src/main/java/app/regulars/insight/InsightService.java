package app.regulars.insight;

import app.regulars.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Reads the shop's history back as advice: per-customer metrics, RFM scores and segments. */
public final class InsightService {
    private final Database db;
    private final InsightRepository repository;
    private final Clock clock;

    public InsightService(Database db, InsightRepository repository, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Every customer with a purchase on or before {@code asOf} (voided ones left out), from the
     * last {@code windowMonths} months when given, else from all history.
     */
    public List<CustomerMetrics> metrics(LocalDate asOf, Integer windowMonths) {
        LocalDate from = windowMonths == null ? null : asOf.minusMonths(windowMonths).plusDays(1);
        HistoryReader reader = new HistoryReader();
        repository.forEachPurchase(db.dsl(), from, asOf, reader);
        return reader.metrics(asOf);
    }
}
