package app.regulars.insight;

import app.regulars.store.Database;
import app.regulars.survey.SurveyKind;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the shop's history back as advice: per-customer metrics, RFM scores and segments. */
public final class InsightService {
    private final Database db;
    private final InsightRepository repository;
    private final Clock clock;
    private InsightSnapshot cached;

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
        return read(asOf, windowMonths).metrics(asOf);
    }

    private HistoryReader read(LocalDate asOf, Integer windowMonths) {
        LocalDate from = windowMonths == null ? null : asOf.minusMonths(windowMonths).plusDays(1);
        HistoryReader reader = new HistoryReader();
        repository.forEachPurchase(db.dsl(), from, asOf, reader);
        return reader;
    }

    /**
     * What the insights say about every customer (archived ones left out) as of {@code asOf}.
     * Kept until the data or the settings change: asking again is free.
     */
    public synchronized InsightSnapshot snapshot(LocalDate asOf, InsightSettings settings) {
        long writes = db.writeCount();
        InsightSnapshot last = cached;
        if (last != null && last.writeCount() == writes && last.asOf().equals(asOf) && last.settings().equals(settings)) {
            return last;
        }
        Set<Long> archived = repository.archivedCustomers(db.dsl());
        List<CustomerMetrics> metrics = new ArrayList<>(metrics(asOf, settings.window()));
        metrics.removeIf(m -> archived.contains(m.customerId()));
        int prospects = Math.max(0, repository.activeCustomers(db.dsl()) - metrics.size());
        RfmScores rfm = new RfmScores(metrics);
        List<RepeatHistory> histories = metrics.stream().map(m -> m.repeatHistory(asOf)).toList();
        CustomerModel.Outcome outcome = CustomerModel.fit(histories);
        CustomerModel model = outcome instanceof CustomerModel.Fitted fitted ? fitted.model() : null;
        List<Prediction> predictions = new ArrayList<>(metrics.size());
        double[] values = new double[metrics.size()];
        for (int i = 0; i < metrics.size(); i++) {
            Prediction p = model == null ? null : predict(model, histories.get(i), settings);
            predictions.add(p);
            // Value classes by predicted CLV; by spend so far where the model cannot be fitted.
            values[i] = p == null ? metrics.get(i).monetary().doubleValue() : p.clv();
        }
        ValueClass.Ranking ranking = new ValueClass.Ranking(values, settings);
        List<CustomerInsight> customers = new ArrayList<>(metrics.size());
        for (int i = 0; i < metrics.size(); i++) {
            CustomerMetrics m = metrics.get(i);
            Prediction p = predictions.get(i);
            customers.add(new CustomerInsight(m, rfm.r(m), rfm.f(m), rfm.m(m), rfm.segment(m),
                    Lifecycle.of(m, p == null ? null : p.pAlive(), settings), ranking.of(values[i]), p));
        }
        cached = new InsightSnapshot(asOf, settings, List.copyOf(customers), prospects, outcome, writes);
        return cached;
    }

    /** The model's view of one customer over the settings' horizon, margin and discount. */
    static Prediction predict(CustomerModel model, RepeatHistory h, InsightSettings s) {
        return new Prediction(model.pAlive(h), model.expectedPurchases(h, s.horizonWeeks()), model.expectedSpend(h),
                model.clv(h, s.horizonWeeks(), s.marginPercent() / 100, s.discountPercent() / 100));
    }

    /** The key figures of {@code period} (up to {@code asOf}), the previous period's and the year-earlier one's. */
    public KpiReport kpis(Period period, LocalDate asOf, InsightSettings settings) {
        return kpis(period, asOf, settings, 0);
    }

    /**
     * As {@link #kpis(Period, LocalDate, InsightSettings)}, with the purchase figures of the
     * {@code months} calendar months up to the period's end as a trend, from the same pass over
     * the history. Kept until the data changes, as the snapshot is: asking again is free.
     */
    public KpiReport kpis(Period period, LocalDate asOf, InsightSettings settings, int months) {
        long writes = db.writeCount();
        KpiKey key = new KpiKey(period, asOf, settings, months);
        synchronized (keptKpis) {
            if (keptKpisWriteCount != writes) {
                keptKpis.clear();
                keptKpisWriteCount = writes;
            }
            KpiReport kept = keptKpis.get(key);
            if (kept != null) {
                return kept;
            }
        }
        KpiReport report = computeKpis(period, asOf, settings, months);
        synchronized (keptKpis) {
            if (keptKpisWriteCount == writes) { // nothing was written meanwhile
                keptKpis.put(key, report);
            }
        }
        return report;
    }

    private record KpiKey(Period period, LocalDate asOf, InsightSettings settings, int months) {
    }

    /** The last key-figure reports asked for (the page's periods), kept until the data changes. */
    private final Map<KpiKey, KpiReport> keptKpis = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KpiKey, KpiReport> eldest) {
            return size() > KEPT_KPI_REPORTS;
        }
    };
    private static final int KEPT_KPI_REPORTS = 8;
    private long keptKpisWriteCount = -1;

    private KpiReport computeKpis(Period period, LocalDate asOf, InsightSettings settings, int months) {
        Period current = clip(period, asOf);
        Period yearEarlier = period.yearEarlier();
        List<Period> trend = new ArrayList<>();
        Period month = Period.containing(Period.Kind.MONTH, current.end());
        for (int i = 0; i < months; i++) {
            trend.addFirst(clip(month, asOf));
            month = month.previous();
        }
        List<Period> all = new ArrayList<>(List.of(current, current.previous(), current.previous().previous(), yearEarlier, yearEarlier.previous()));
        trend.forEach(p -> {
            all.add(p);
            all.add(p.previous());
        });
        PeriodFigures figures = new PeriodFigures(all.stream().distinct().toList());
        repository.forEachPurchase(db.dsl(), null, current.end(), figures);
        List<KpiValues> monthly = trend.stream().map(p -> new KpiValues(p, figures.figures(p, p.previous()))).toList();
        return new KpiReport(values(figures, current), values(figures, current.previous()), values(figures, yearEarlier), settings, monthly);
    }

    /** The period, ending at {@code asOf} when it runs past it (this month so far). */
    static Period clip(Period p, LocalDate asOf) {
        return p.end().isAfter(asOf) && !p.start().isAfter(asOf) ? new Period(p.kind(), p.start(), asOf) : p;
    }

    private KpiValues values(PeriodFigures figures, Period p) {
        Map<Kpi, Double> v = new EnumMap<>(Kpi.class);
        v.putAll(figures.figures(p, p.previous()));
        InsightRepository.Scores nps = repository.scores(db.dsl(), SurveyKind.NPS, p.start(), p.end(), 9, 6);
        if (nps.scored() > 0) {
            v.put(Kpi.NPS, 100.0 * (nps.top() - nps.bottom()) / nps.scored());
        }
        InsightRepository.Scores csat = repository.scores(db.dsl(), SurveyKind.CSAT, p.start(), p.end(), 4, 2);
        if (csat.scored() > 0) {
            v.put(Kpi.CSAT, 100.0 * csat.top() / csat.scored());
        }
        InsightRepository.Complaints complaints = repository.complaints(db.dsl(), p.start(), p.end());
        v.put(Kpi.COMPLAINTS, (double) complaints.opened());
        if (complaints.opened() > 0) {
            v.put(Kpi.COMPLAINTS_RESOLVED_IN_24H, 100.0 * complaints.resolvedInTime() / complaints.opened());
        }
        InsightRepository.FollowUpsDue due = repository.followUpsDue(db.dsl(), p.start(), p.end());
        if (due.due() > 0) {
            v.put(Kpi.FOLLOWUPS_ON_TIME, 100.0 * due.doneInTime() / due.due());
        }
        return new KpiValues(p, v);
    }

    /** Every customer who is not archived, by code (for files that list prospects too). */
    public void forEachActiveCustomer(InsightRepository.CustomerSink sink) {
        repository.forEachActiveCustomer(db.dsl(), sink);
    }
}
