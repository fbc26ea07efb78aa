package app.regulars.insight;

import app.regulars.store.Database;
import app.regulars.survey.SurveyKind;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the shop's history back as advice: per-customer metrics, RFM scores and segments. */
public final class InsightService {
    private final Database db;
    private final InsightRepository repository;
    private final Clock clock;
    /** Today's snapshot (what stale() looks at), and the few others asked for lately (earlier periods' ends). */
    private volatile InsightSnapshot cached;
    private final Map<LocalDate, InsightSnapshot> earlier = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, InsightSnapshot> eldest) {
            return size() > 2; // about 9 MB each at 100,000 customers; the key figures keep only a DayTable
        }
    };

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
        long writes = historyWrites();
        boolean current = asOf.equals(today());
        InsightSnapshot last = current ? cached : earlier.get(asOf);
        if (last != null && last.writeCount() == writes && last.asOf().equals(asOf) && last.settings().equals(settings)) {
            return last;
        }
        InsightSnapshot made = compute(asOf, settings, writes);
        if (current) {
            cached = made;
        } else {
            earlier.put(asOf, made);
        }
        return made;
    }

    /**
     * Computes the snapshot as of {@code asOf}, keeping nothing. Its customers are a table of
     * primitives ({@link InsightTable}); a record per customer is made only while computing it.
     */
    private InsightSnapshot compute(LocalDate asOf, InsightSettings settings, long writes) {
        return compute(asOf, settings, writes, read(asOf, settings.window()));
    }

    /** The same, from the history up to {@code asOf} (the settings' window of it) already read. */
    private InsightSnapshot compute(LocalDate asOf, InsightSettings settings, long writes, HistoryReader history) {
        Set<Long> archived = repository.archivedCustomers(db.dsl());
        MetricsTable table = history.table(asOf).filter(id -> !archived.contains(id));
        int n = table.size();
        int prospects = Math.max(0, repository.activeCustomers(db.dsl()) - n);
        List<CustomerMetrics> metrics = table.asList();
        RfmScores rfm = new RfmScores(metrics);
        List<RepeatHistory> histories = new ArrayList<>(n);
        for (CustomerMetrics m : metrics) {
            histories.add(m.repeatHistory(asOf));
        }
        CustomerModel.Outcome outcome = CustomerModel.fit(histories);
        CustomerModel model = outcome instanceof CustomerModel.Fitted fitted ? fitted.model() : null;
        InsightTable customers = new InsightTable(table);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            Prediction p = model == null ? null : predict(model, histories.get(i), settings);
            customers.setPrediction(i, p);
            // Value classes by predicted CLV; by spend so far where the model cannot be fitted.
            values[i] = p == null ? table.monetaryCents(i) / 100.0 : p.clv();
        }
        histories = null; // let go before the second pass
        ValueClass.Ranking ranking = new ValueClass.Ranking(values, settings);
        MetricsTable spend12 = settings.valueBySpend() ? read(asOf, 12).table(asOf) : null;
        for (int i = 0; i < n; i++) {
            CustomerMetrics m = metrics.get(i);
            Prediction p = customers.prediction(i);
            ValueClass value;
            if (spend12 != null) {
                int k = spend12.indexOf(m.customerId());
                value = ValueClass.bySpend(k < 0 ? 0.0 : spend12.monetaryCents(k) / 100.0, asOf.toEpochDay() - m.firstDay().toEpochDay(), settings);
            } else {
                value = ranking.of(values[i]);
            }
            customers.setScores(i, rfm.r(m), rfm.f(m), rfm.m(m), rfm.segment(m), Lifecycle.of(m, p == null ? null : p.pAlive(), settings), value);
        }
        return new InsightSnapshot(asOf, settings, customers, prospects, outcome, writes);
    }

    /**
     * What the key figures need of an earlier day: every customer's predicted lifetime value
     * (ids in order, NaN without a prediction) and their segments. About 1.6 MB at 100,000
     * customers, where keeping that day's whole snapshot takes about 9 MB (25 MB before it was a table).
     */
    private record DayTable(long writes, InsightSettings settings, long[] ids, double[] clv, SegmentMovement.Segments segments) {
        static DayTable of(InsightSnapshot s) {
            if (s.customers() instanceof InsightTable table) { // by id already: the ids shared with the segments
                SegmentMovement.Segments segments = SegmentMovement.Segments.of(s);
                double[] clv = new double[table.size()];
                for (int i = 0; i < clv.length; i++) {
                    clv[i] = table.clv(i);
                }
                return new DayTable(s.writeCount(), s.settings(), segments.ids(), clv, segments);
            }
            List<CustomerInsight> sorted = s.customers().stream().sorted(java.util.Comparator.comparingLong(CustomerInsight::customerId)).toList();
            long[] ids = new long[sorted.size()];
            double[] clv = new double[sorted.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = sorted.get(i).customerId();
                clv[i] = sorted.get(i).prediction() == null ? Double.NaN : sorted.get(i).prediction().clv();
            }
            return new DayTable(s.writeCount(), s.settings(), ids, clv, SegmentMovement.Segments.of(s));
        }
    }

    private final Map<LocalDate, DayTable> dayTables = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, DayTable> eldest) {
            return size() > 8;
        }
    };

    /** The table of {@code day}: from today's snapshot or one already kept, else computed and not kept. */
    private synchronized DayTable dayTable(LocalDate day, InsightSettings settings) {
        long writes = historyWrites();
        DayTable kept = dayTables.get(day);
        if (kept != null && kept.writes() == writes && kept.settings().equals(settings)) {
            return kept;
        }
        InsightSnapshot earlierKept = earlier.get(day);
        InsightSnapshot s = day.equals(today()) ? snapshot(day, settings)
                : earlierKept != null && earlierKept.writeCount() == writes && earlierKept.settings().equals(settings) ? earlierKept
                : compute(day, settings, writes);
        DayTable made = DayTable.of(s);
        dayTables.put(day, made);
        return made;
    }

    /** Whether {@link #dayTable} would compute the table of {@code day}: not today, none kept, no snapshot of that day kept. */
    private synchronized boolean dayTableToCompute(LocalDate day, InsightSettings settings) {
        long writes = historyWrites();
        DayTable kept = dayTables.get(day);
        InsightSnapshot earlierKept = earlier.get(day);
        return !day.equals(today()) && !(kept != null && kept.writes() == writes && kept.settings().equals(settings))
                && !(earlierKept != null && earlierKept.writeCount() == writes && earlierKept.settings().equals(settings));
    }

    /** Keeps the table of {@code day} computed from its history read beside other things, as of {@code writes} (read before the history). */
    private synchronized void keepDayTable(LocalDate day, InsightSettings settings, long writes, HistoryReader history) {
        dayTables.put(day, DayTable.of(compute(day, settings, writes, history)));
    }

    /**
     * A history of the purchases from {@code from} (null: all) up to the end of {@code day},
     * taking them from a pass over a longer range.
     */
    private record DayHistory(LocalDate day, LocalDateTime from, LocalDateTime before, HistoryReader reader) {
        static DayHistory of(LocalDate day, Integer windowMonths) {
            return new DayHistory(day, windowMonths == null ? null : day.minusMonths(windowMonths).plusDays(1).atStartOfDay(),
                    day.plusDays(1).atStartOfDay(), new HistoryReader());
        }

        void accept(long customerId, LocalDateTime at, java.math.BigDecimal amount) {
            if (at.isBefore(before) && (from == null || !at.isBefore(from))) {
                reader.accept(customerId, at, amount);
            }
        }
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
        long history = historyWrites();
        ReportKey key = new ReportKey(period, asOf, settings, months);
        KeptReport kept;
        synchronized (reports) {
            kept = reports.get(key);
            if (kept != null && kept.writeCount() == writes) {
                return kept.report();
            }
        }
        // The purchases and customers as they were: only the figures of surveys and follow-ups are read again.
        KpiReport report = kept != null && kept.historyWrites() == history ? withOtherFigures(kept.report())
                : computeKpis(period, asOf, settings, months);
        synchronized (reports) {
            reports.put(key, new KeptReport(writes, history, report));
        }
        return report;
    }

    private record ReportKey(Period period, LocalDate asOf, InsightSettings settings, int months) {
    }

    private record KeptReport(long writeCount, long historyWrites, KpiReport report) {
    }

    /** The reports asked for lately, kept until the data changes (a few periods: the page steps back and forth). */
    private final Map<ReportKey, KeptReport> reports = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReportKey, KeptReport> eldest) {
            return size() > 8;
        }
    };

    /**
     * Whether the kept results are older than the data: a background refresher recomputes
     * them then, so the page opens on results already there.
     */
    public boolean stale() {
        InsightSnapshot last = cached;
        return last == null || last.writeCount() != historyWrites() || !last.asOf().equals(today());
    }

    /**
     * The writes that changed the purchases or the customers ({@link InsightRepository#HISTORY}):
     * what the snapshots and the customers' tables of earlier days are computed from. A follow-up,
     * a survey answer, points or a setting leave them current (at 100,000 customers computing them
     * again reads a million purchases, some ten seconds of a core).
     */
    private long historyWrites() {
        return db.writeCount(InsightRepository.HISTORY);
    }

    /**
     * The mean predicted CLV of {@code customers} as of {@code day} (the model fitted on the
     * history up to then); empty when the model cannot be fitted or none of them is left.
     */
    private java.util.OptionalDouble averageClv(CustomerDays.Period customers, LocalDate day, InsightSettings settings) {
        if (customers.size() == 0) {
            return java.util.OptionalDouble.empty();
        }
        DayTable t = dayTable(day, settings);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < t.ids().length; i++) {
            if (!Double.isNaN(t.clv()[i]) && customers.contains(t.ids()[i])) {
                sum += t.clv()[i];
                n++;
            }
        }
        return n == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(sum / n);
    }

    /** A number that changes with every write to the store: equal numbers, same data. */
    public long dataVersion() {
        return db.writeCount();
    }

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
        // The customers' tables the average CLV needs of days before today (the periods' ends), when
        // not kept: their histories come from this same pass over the purchases, which reads all of
        // theirs (each day is at most the current period's end). At 100,000 customers each pass
        // reads a million purchases: one here instead of three.
        long writes = historyWrites();
        List<DayHistory> days = new ArrayList<>();
        for (Period p : List.of(current, current.previous(), yearEarlier)) {
            LocalDate day = clvDay(p, asOf);
            if (!day.isAfter(current.end()) && days.stream().noneMatch(d -> d.day().equals(day)) && dayTableToCompute(day, settings)) {
                days.add(DayHistory.of(day, settings.window()));
            }
        }
        repository.forEachPurchase(db.dsl(), null, current.end(), (customerId, at, amount) -> {
            figures.accept(customerId, at, amount);
            for (DayHistory d : days) {
                d.accept(customerId, at, amount);
            }
        });
        for (DayHistory d : days) {
            keepDayTable(d.day(), settings, writes, d.reader());
        }
        List<KpiValues> monthly = trend.stream().map(p -> new KpiValues(p, figures.figures(p, p.previous()))).toList();
        return new KpiReport(values(figures, current, asOf, settings), values(figures, current.previous(), asOf, settings),
                values(figures, yearEarlier, asOf, settings), settings, monthly);
    }

    /** The day whose customers' table gives {@code p}'s average CLV: its end, or {@code asOf} when it ends later. */
    private static LocalDate clvDay(Period p, LocalDate asOf) {
        return p.end().isAfter(asOf) ? asOf : p.end();
    }

    /** The period, ending at {@code asOf} when it runs past it (this month so far). */
    static Period clip(Period p, LocalDate asOf) {
        return p.end().isAfter(asOf) && !p.start().isAfter(asOf) ? new Period(p.kind(), p.start(), asOf) : p;
    }

    private KpiValues values(PeriodFigures figures, Period p, LocalDate asOf, InsightSettings settings) {
        Map<Kpi, Double> v = new EnumMap<>(Kpi.class);
        v.putAll(figures.figures(p, p.previous()));
        averageClv(figures.activeCustomers(p), clvDay(p, asOf), settings).ifPresent(a -> v.put(Kpi.AVERAGE_CLV, a));
        otherFigures(p, v);
        return new KpiValues(p, v);
    }

    /** The figures not read from the purchases and customers: surveys, complaints and follow-ups. */
    private static final Set<Kpi> OTHER_FIGURES = java.util.EnumSet.of(Kpi.NPS, Kpi.CSAT, Kpi.COMPLAINTS,
            Kpi.COMPLAINTS_RESOLVED_IN_24H, Kpi.FOLLOWUPS_ON_TIME);

    /** {@code report} with its figures of surveys, complaints and follow-ups read again (the month trend has none). */
    private KpiReport withOtherFigures(KpiReport report) {
        return new KpiReport(withOtherFigures(report.current()), withOtherFigures(report.previous()),
                withOtherFigures(report.yearEarlier()), report.settings(), report.months());
    }

    private KpiValues withOtherFigures(KpiValues values) {
        Map<Kpi, Double> v = new EnumMap<>(Kpi.class);
        v.putAll(values.values());
        v.keySet().removeAll(OTHER_FIGURES);
        otherFigures(values.period(), v);
        return new KpiValues(values.period(), v);
    }

    /** Puts the figures of {@link #OTHER_FIGURES} for {@code p} into {@code v} (those with nothing to count left out). */
    private void otherFigures(Period p, Map<Kpi, Double> v) {
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
    }

    /** The ids of every customer who is not archived, sorted. */
    long[] activeCustomerIds() {
        return repository.activeCustomerIds(db.dsl());
    }

    /** Every customer who is not archived, by code (for files that list prospects too). */
    public void forEachActiveCustomer(InsightRepository.CustomerSink sink) {
        repository.forEachActiveCustomer(db.dsl(), sink);
    }

    /**
     * Every owner's figures for {@code period} (up to {@code asOf}): see {@link StaffFigures} for
     * what each counts. By owner, the follow-ups without one last.
     */
    /** The store's people (decision 0033): each active person gets a row of the staff figures. */
    private volatile app.regulars.store.People people;

    public void usePeople(app.regulars.store.People people) {
        this.people = people;
    }

    /** Whether whoever is signed in may change the insights' settings (decision 0033). */
    public boolean owner() {
        return db.session().owner();
    }

    public List<StaffFigures> staffFigures(Period period, LocalDate asOf) {
        Period p = clip(period, asOf);
        Map<String, InsightRepository.OwnerFollowUps> followUps = repository.ownerFollowUps(db.dsl(), p.start(), p.end());
        Map<String, InsightRepository.Scores> nps = repository.ownerScores(db.dsl(), SurveyKind.NPS, p.start(), p.end(), 9, 6);
        Map<String, InsightRepository.Scores> csat = repository.ownerScores(db.dsl(), SurveyKind.CSAT, p.start(), p.end(), 4, 2);
        java.util.TreeSet<String> owners = new java.util.TreeSet<>(java.util.Comparator.comparing(String::isEmpty)
                .thenComparing(java.text.Collator.getInstance(java.util.Locale.SIMPLIFIED_CHINESE)::compare));
        owners.addAll(followUps.keySet());
        owners.addAll(nps.keySet());
        owners.addAll(csat.keySet());
        app.regulars.store.People team = people;
        if (team != null && team.session().peopleExist()) {
            owners.addAll(team.activeNames()); // in team mode every person has a row, with nothing done too (decision 0033)
        }
        List<StaffFigures> out = new ArrayList<>(owners.size());
        for (String owner : owners) {
            InsightRepository.OwnerFollowUps f = followUps.getOrDefault(owner, new InsightRepository.OwnerFollowUps(owner, 0, 0, 0, 0, 0));
            InsightRepository.Scores n = nps.getOrDefault(owner, new InsightRepository.Scores(0, 0, 0));
            InsightRepository.Scores c = csat.getOrDefault(owner, new InsightRepository.Scores(0, 0, 0));
            out.add(new StaffFigures(owner, f.due(), f.doneInTime(), f.complaints(), f.resolvedInTime(), f.customersFollowedUp(),
                    n.scored() == 0 ? null : 100.0 * (n.top() - n.bottom()) / n.scored(), n.scored(),
                    c.scored() == 0 ? null : 100.0 * c.top() / c.scored(), c.scored()));
        }
        return out;
    }

    /**
     * How customers moved between segments from the end of the period before {@code period} to
     * the end of {@code period} (or {@code asOf}, when the period runs past it). Leaves the kept
     * snapshot (the page's) in place.
     */
    public synchronized SegmentMovement segmentMovement(Period period, LocalDate asOf, InsightSettings settings) {
        InsightSnapshot kept = cached;
        try {
            return SegmentMovement.between(dayTable(period.start().minusDays(1), settings).segments(),
                    dayTable(clip(period, asOf).end(), settings).segments());
        } finally {
            cached = kept;
        }
    }
}
