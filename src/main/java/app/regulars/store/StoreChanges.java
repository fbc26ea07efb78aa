package app.regulars.store;

import org.jooq.DSLContext;
import org.jooq.Record2;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import static app.regulars.store.jooq.Tables.CHANGE_LOG;

/**
 * What other computers changed in a shared store since it was last asked (live refresh, issue 17
 * item 4; docs/decisions/0034-the-window-on-a-shared-store.md): PostgreSQL's triggers (V017) add
 * the id of every customer a statement touched to {@code change_log}; {@link #poll} reads the rows
 * newer than those seen, a cheap indexed read of a few rows. On the H2 file (one user at a time)
 * there is nothing to read: {@link #poll} answers nothing without a query.
 *
 * <p>Ids of a sequence are taken in one order and committed in another: a row with a smaller id
 * may appear after a larger one was seen. So each poll reads again a margin below the highest id
 * seen ({@value #MARGIN} ids) and skips the ids it has seen already.
 */
public final class StoreChanges {
    /** How far below the highest id seen each poll looks again, for transactions that committed late. */
    static final int MARGIN = 500;
    /** More customers changed than this at once (an import): {@link Changes#many()}, for a refresh of the whole page. */
    public static final int MANY = 1000;

    private final Database database;
    private long highest = -1;
    private final TreeSet<Long> seen = new TreeSet<>();
    private long lastPrune;

    public StoreChanges(Database database) {
        this.database = database;
    }

    /**
     * What changed since the last poll: the customers' ids, or {@link Changes#many()} when more than
     * {@value #MANY} changed. The first poll only marks where the log is. Off the JavaFX thread.
     */
    public synchronized Changes poll() {
        if (database.engine() != Database.Engine.POSTGRESQL) {
            return Changes.NONE;
        }
        DSLContext dsl = database.dsl();
        if (highest < 0) {
            Long max = dsl.select(org.jooq.impl.DSL.max(CHANGE_LOG.ID)).from(CHANGE_LOG).fetchOne(0, Long.class);
            highest = max == null ? 0 : max;
            return Changes.NONE;
        }
        long from = Math.max(0, highest - MARGIN);
        Set<Long> customers = new LinkedHashSet<>();
        boolean many = false;
        int read = 0;
        for (Record2<Long, Long> r : dsl.select(CHANGE_LOG.ID, CHANGE_LOG.CUSTOMER_ID).from(CHANGE_LOG)
                .where(CHANGE_LOG.ID.gt(from)).orderBy(CHANGE_LOG.ID).limit(MANY + MARGIN + 1).fetch()) {
            read++;
            long id = r.value1();
            if (!seen.add(id)) {
                continue;
            }
            highest = Math.max(highest, id);
            if (r.value2() != null) {
                customers.add(r.value2());
            }
        }
        if (read > MANY + MARGIN || customers.size() > MANY) {
            many = true;
            Long max = dsl.select(org.jooq.impl.DSL.max(CHANGE_LOG.ID)).from(CHANGE_LOG).fetchOne(0, Long.class);
            highest = max == null ? highest : Math.max(highest, max);
            seen.clear();
        }
        seen.headSet(highest - MARGIN, true).clear();
        pruneNowAndThen(dsl);
        return many ? Changes.MANY_CHANGES : customers.isEmpty() ? Changes.NONE : new Changes(Set.copyOf(customers), false);
    }

    /** Rows older than a day go, once an hour, by whichever window polls then. */
    private void pruneNowAndThen(DSLContext dsl) {
        long now = System.currentTimeMillis();
        if (now - lastPrune < 3_600_000L) {
            return;
        }
        lastPrune = now;
        dsl.deleteFrom(CHANGE_LOG).where(CHANGE_LOG.CHANGED_AT.lt(OffsetDateTime.now().minusDays(1))).execute();
    }

    /**
     * What changed: the ids of the customers, or {@code many} (more than {@value #MANY}: refresh the
     * whole page instead).
     */
    public record Changes(Set<Long> customers, boolean many) {
        public static final Changes NONE = new Changes(Set.of(), false);
        static final Changes MANY_CHANGES = new Changes(Set.of(), true);

        public boolean any() {
            return many || !customers.isEmpty();
        }
    }
}
