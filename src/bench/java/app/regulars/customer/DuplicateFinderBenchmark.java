package app.regulars.customer;

import app.regulars.app.AppContext;
import org.jooq.DSLContext;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static app.regulars.store.jooq.Tables.CUSTOMER;

/**
 * The duplicate finder (decision 0025) on a store of your own (a COPY: the store is migrated when
 * it opens, and a merge changes it), or, in a folder without one, on N sample customers made as the
 * demo makes them ({@code -Dbench.customers=N}, 100,000 by default), next to a baseline in the same run: one SQL self-join that pairs the active customers
 * with the same pinyin (sort name) through its index, the one reason SQL finds quickly (a join on
 * the name, which has no index, ran for more than ten minutes at 100,000 customers). Prints each
 * round's wall time and CPU time on its thread (H2 runs in it: the reading is counted; the
 * collector is not), the pairs by reason, the heap in use after, and the baseline's time and pair
 * count; then the time of one merge (the likeliest pair whose customers both bought something).
 * On a machine busy with other work the CPU time is the figure to compare. The merge changes
 * the store: use a copy.
 *
 * <pre>
 * ./mvnw -B -o -Pbench-start test-compile -DskipTests
 * ./mvnw -B -o dependency:build-classpath -Dmdep.outputFile=cp.txt
 * cp -r /some/store /tmp/store-copy      # or an empty folder: sample customers are made in it
 * java -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+UseCompactObjectHeaders \
 *     -cp target/classes:target/test-classes:$(cat cp.txt) app.regulars.customer.DuplicateFinderBenchmark /tmp/store-copy [rounds]
 * </pre>
 */
public final class DuplicateFinderBenchmark {
    private DuplicateFinderBenchmark() {
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!java.nio.file.Files.exists(store.resolve("regulars.mv.db"))) {
            int n = Integer.getInteger("bench.customers", 100_000);
            long filling = System.nanoTime();
            try (AppContext ctx = AppContext.open(store, java.time.Clock.systemDefaultZone(), Locale.ENGLISH)) {
                new app.regulars.app.demo.SampleShop(42, java.time.LocalDate.now()).fill(ctx.customers(), n, done -> { }, () -> false);
            }
            System.out.printf("made %,d sample customers in %.1f s%n", n, (System.nanoTime() - filling) / 1e9);
        }
        long opening = System.nanoTime();
        try (AppContext ctx = AppContext.open(store, java.time.Clock.systemDefaultZone(), Locale.ENGLISH)) {
            System.out.printf("opened (and migrated) in %.1f s: %,d customers%n", (System.nanoTime() - opening) / 1e9, ctx.customers().countAll());
            MergeService merges = ctx.services().get(MergeService.class);
            for (int round = 1; round <= rounds; round++) {
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu = threads.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                DuplicateFinder.Result result = merges.findDuplicates((done, total) -> { }, () -> false);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                Map<DuplicateReason, Integer> byReason = new java.util.EnumMap<>(DuplicateReason.class);
                for (DuplicatePair p : result.pairs()) {
                    p.reasons().forEach(r -> byReason.merge(r, 1, Integer::sum));
                }
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("round %d: %.2f s (CPU %.2f s), load %.1f, %,d customers, %,d pairs %s, %d groups left out, heap in use after %d MB%n", round,
                        seconds, cpuSeconds, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        result.customers(), result.pairs().size(), byReason, result.leftOut(),
                        (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
            // One merge: the likeliest pair whose customers both bought something (so that purchases, points and the tier move).
            DuplicateFinder.Result found = merges.findDuplicates((done, total) -> { }, () -> false);
            for (DuplicatePair p : found.pairs()) {
                if (ctx.membership().totals(p.a().id()).count() > 0 && ctx.membership().totals(p.b().id()).count() > 0) {
                    long mergeStarted = System.nanoTime();
                    MergePlan plan = merges.plan(p.a().id(), java.util.List.of(p.b().id()));
                    double planned = (System.nanoTime() - mergeStarted) / 1e9;
                    MergeService.Merged merged = merges.merge(plan, MergeRecord.Source.COMMAND_LINE, new app.regulars.i18n.Messages(Locale.ENGLISH));
                    System.out.printf("merge of %s into %s: plan %.2f s, merge %.2f s, moved %s%n", p.b().code(), p.a().code(), planned,
                            (System.nanoTime() - mergeStarted) / 1e9 - planned, merged.moved());
                    break;
                }
            }
            DSLContext dsl = ctx.database().dsl();
            var a = CUSTOMER.as("a");
            var b = CUSTOMER.as("b");
            long started = System.nanoTime();
            int samePinyin = dsl.fetchCount(dsl.selectOne().from(a).join(b).on(b.ARCHIVED.eq(a.ARCHIVED)).and(b.SORT_NAME.eq(a.SORT_NAME))
                    .and(b.ID.gt(a.ID)).where(a.ARCHIVED.isFalse()));
            System.out.printf("baseline, one SQL self-join on the pinyin alone (indexed): %.2f s, %,d pairs%n",
                    (System.nanoTime() - started) / 1e9, samePinyin);
        }
    }
}
