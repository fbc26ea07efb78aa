package app.regulars.customer;

import app.regulars.store.jooq.tables.records.ImportRunRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static app.regulars.store.jooq.Tables.CONSENT_CHANGE;
import static app.regulars.store.jooq.Tables.IMPORT_ADDED;
import static app.regulars.store.jooq.Tables.IMPORT_RUN;
import static app.regulars.store.jooq.Tables.IMPORT_UPDATED;

/**
 * The record of the last import, for its undo (decision 0024): the run, the customers it added
 * (ids and digests, a slice per row) and those it changed (their profile before). Each method
 * takes the {@link DSLContext} of the caller's transaction.
 */
public final class ImportRepository {
    /** What an import is, as {@code import_run.kind} has it. */
    public enum Kind { CUSTOMERS, PURCHASES }

    /** Where an import stands, as {@code import_run.state} has it. */
    public enum State { RUNNING, DONE, UNDOING, UNDONE }

    /** An import as recorded. {@code firstId}: the highest id before it; {@code lastId}: the highest after it (null while running). */
    public record Run(long id, Kind kind, String fileName, LocalDateTime startedAt, LocalDateTime finishedAt, State state,
                      int rowsRead, int added, int updated, int skipped, long firstId, Long lastId, String marks) {
    }

    /** A customer an import changed: their card number, the digest of the profile it left, and the profile before it (null once erased). */
    public record Updated(long customerId, String code, long digest, String previous) {
    }

    /** Records an import under way; {@code marks}: what it needs to know of the store as it was ({@code key=value;...}). */
    public long startRun(DSLContext dsl, Kind kind, String fileName, LocalDateTime at, long firstId, String marks) {
        return dsl.insertInto(IMPORT_RUN, IMPORT_RUN.KIND, IMPORT_RUN.FILE_NAME, IMPORT_RUN.STARTED_AT, IMPORT_RUN.STATE, IMPORT_RUN.FIRST_ID,
                        IMPORT_RUN.MARKS)
                .values(kind.name(), clip(fileName), at, State.RUNNING.name(), firstId, marks)
                .returningResult(IMPORT_RUN.ID).fetchOne(IMPORT_RUN.ID);
    }

    public Optional<Run> run(DSLContext dsl, long id) {
        return dsl.selectFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional().map(ImportRepository::run);
    }

    /** The highest id in the consent history (0 for none): what an import adds to it comes after. */
    public long maxConsentChange(DSLContext dsl) {
        Long id = dsl.select(DSL.max(CONSENT_CHANGE.ID)).from(CONSENT_CHANGE).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** Deletes the entries of these customers' consent history with ids in {@code (after, upTo]}: an import's own. */
    public void deleteConsentChanges(DSLContext dsl, java.util.Collection<Long> customerIds, long after, long upTo) {
        dsl.deleteFrom(CONSENT_CHANGE).where(CONSENT_CHANGE.CUSTOMER_ID.in(customerIds))
                .and(CONSENT_CHANGE.ID.gt(after)).and(CONSENT_CHANGE.ID.le(upTo)).execute();
    }

    private static String clip(String fileName) {
        return fileName.length() <= 1000 ? fileName : "…" + fileName.substring(fileName.length() - 999);
    }

    /** Marks the run done with its counts and marks, and forgets every other run: only the last import can be undone. */
    public void finishRun(DSLContext dsl, long id, LocalDateTime at, int rowsRead, int added, int updated, int skipped, long lastId,
                          String marks) {
        dsl.update(IMPORT_RUN)
                .set(IMPORT_RUN.STATE, State.DONE.name())
                .set(IMPORT_RUN.FINISHED_AT, at)
                .set(IMPORT_RUN.ROWS_READ, rowsRead)
                .set(IMPORT_RUN.ADDED, added)
                .set(IMPORT_RUN.UPDATED, updated)
                .set(IMPORT_RUN.SKIPPED, skipped)
                .set(IMPORT_RUN.LAST_ID, lastId)
                .set(IMPORT_RUN.MARKS, marks)
                .where(IMPORT_RUN.ID.eq(id))
                .execute();
        dsl.deleteFrom(IMPORT_RUN).where(IMPORT_RUN.ID.ne(id)).execute();
    }

    public void setState(DSLContext dsl, long id, State state) {
        dsl.update(IMPORT_RUN).set(IMPORT_RUN.STATE, state.name()).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    /** Deletes the run and what it recorded (the customers' rows are not touched). */
    public void deleteRun(DSLContext dsl, long id) {
        dsl.deleteFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    /** Forgets which customers the run added and changed, keeping the run itself (an import undone). */
    public void forgetCustomers(DSLContext dsl, long id) {
        dsl.deleteFrom(IMPORT_ADDED).where(IMPORT_ADDED.IMPORT_ID.eq(id)).execute();
        dsl.deleteFrom(IMPORT_UPDATED).where(IMPORT_UPDATED.IMPORT_ID.eq(id)).execute();
    }

    /** The newest run in one of {@code states}. */
    public Optional<Run> newest(DSLContext dsl, State... states) {
        return newest(dsl, null, states);
    }

    /** The newest run of {@code kind} (null: any) in one of {@code states}. */
    public Optional<Run> newest(DSLContext dsl, Kind kind, State... states) {
        List<String> names = new ArrayList<>();
        for (State s : states) {
            names.add(s.name());
        }
        return dsl.selectFrom(IMPORT_RUN).where(IMPORT_RUN.STATE.in(names))
                .and(kind == null ? DSL.noCondition() : IMPORT_RUN.KIND.eq(kind.name()))
                .orderBy(IMPORT_RUN.ID.desc()).limit(1)
                .fetchOptional().map(ImportRepository::run);
    }

    private static Run run(ImportRunRecord r) {
        return new Run(r.getId(), Kind.valueOf(r.getKind()), r.getFileName(), r.getStartedAt(), r.getFinishedAt(), State.valueOf(r.getState()),
                r.getRowsRead(), r.getAdded(), r.getUpdated(), r.getSkipped(), r.getFirstId(), r.getLastId(), r.getMarks());
    }

    /** Records a slice of the customers the run added: their ids and digests, as one row. */
    public void addAdded(DSLContext dsl, long id, int part, long[] ids, long[] digests, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate(16 * (to - from));
        for (int i = from; i < to; i++) {
            b.putLong(ids[i]).putLong(digests[i]);
        }
        dsl.insertInto(IMPORT_ADDED, IMPORT_ADDED.IMPORT_ID, IMPORT_ADDED.PART, IMPORT_ADDED.DIGESTS).values(id, part, b.array()).execute();
    }

    /** A slice of the customers a run added: their ids and digests, in the same order. */
    public record AddedPart(long[] ids, long[] digests) {
    }

    /** The customers the run added, a recorded slice at a time. */
    public void forEachAdded(DSLContext dsl, long id, java.util.function.Consumer<AddedPart> each) {
        List<Integer> parts = dsl.select(IMPORT_ADDED.PART).from(IMPORT_ADDED).where(IMPORT_ADDED.IMPORT_ID.eq(id))
                .orderBy(IMPORT_ADDED.PART).fetch(IMPORT_ADDED.PART);
        for (int part : parts) {
            byte[] bytes = dsl.select(IMPORT_ADDED.DIGESTS).from(IMPORT_ADDED)
                    .where(IMPORT_ADDED.IMPORT_ID.eq(id)).and(IMPORT_ADDED.PART.eq(part)).fetchOne(IMPORT_ADDED.DIGESTS);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int n = bytes.length / 16;
            long[] ids = new long[n];
            long[] digests = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = b.getLong();
                digests[i] = b.getLong();
            }
            each.accept(new AddedPart(ids, digests));
        }
    }

    /** Which of these customers the run has changed already (in an earlier slice). */
    public java.util.Set<Long> recorded(DSLContext dsl, long id, java.util.Collection<Long> customerIds) {
        return new java.util.HashSet<>(dsl.select(IMPORT_UPDATED.CUSTOMER_ID).from(IMPORT_UPDATED)
                .where(IMPORT_UPDATED.IMPORT_ID.eq(id)).and(IMPORT_UPDATED.CUSTOMER_ID.in(customerIds))
                .fetch(IMPORT_UPDATED.CUSTOMER_ID));
    }

    /** Records customers the run changed for the first time, with their profile before it: one JDBC batch. */
    public void insertUpdated(DSLContext dsl, long id, List<Updated> changed) {
        if (changed.isEmpty()) {
            return;
        }
        String insert = dsl.render(dsl.insertInto(IMPORT_UPDATED, IMPORT_UPDATED.IMPORT_ID, IMPORT_UPDATED.CUSTOMER_ID, IMPORT_UPDATED.CODE,
                        IMPORT_UPDATED.DIGEST, IMPORT_UPDATED.PREVIOUS)
                .values(DSL.val((Long) null), DSL.val((Long) null), DSL.val((String) null), DSL.val((Long) null), DSL.val((String) null)));
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (Updated u : changed) {
                    ps.setLong(1, id);
                    ps.setLong(2, u.customerId());
                    ps.setString(3, u.code());
                    ps.setLong(4, u.digest());
                    ps.setString(5, u.previous());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The digest of customers the run changed again (their profile before it stays as recorded): one JDBC batch. */
    public void updateDigests(DSLContext dsl, long id, List<Updated> changed) {
        if (changed.isEmpty()) {
            return;
        }
        String update = dsl.render(dsl.update(IMPORT_UPDATED).set(IMPORT_UPDATED.DIGEST, DSL.val((Long) null))
                .where(IMPORT_UPDATED.IMPORT_ID.eq(DSL.val((Long) null))).and(IMPORT_UPDATED.CUSTOMER_ID.eq(DSL.val((Long) null))));
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (Updated u : changed) {
                    ps.setLong(1, u.digest());
                    ps.setLong(2, id);
                    ps.setLong(3, u.customerId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Up to {@code limit} of the customers the run changed, with ids above {@code afterCustomer}, in id order. */
    public List<Updated> updated(DSLContext dsl, long id, long afterCustomer, int limit) {
        return dsl.select(IMPORT_UPDATED.CUSTOMER_ID, IMPORT_UPDATED.CODE, IMPORT_UPDATED.DIGEST, IMPORT_UPDATED.PREVIOUS)
                .from(IMPORT_UPDATED)
                .where(IMPORT_UPDATED.IMPORT_ID.eq(id)).and(IMPORT_UPDATED.CUSTOMER_ID.gt(afterCustomer))
                .orderBy(IMPORT_UPDATED.CUSTOMER_ID).limit(limit)
                .fetch(r -> new Updated(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * An erased customer's part of every recorded import: the profile before it goes (it is
     * personal data), and the digest no longer matches, so the import can no longer be undone.
     */
    public void forget(DSLContext dsl, long customerId) {
        dsl.update(IMPORT_UPDATED).set(IMPORT_UPDATED.PREVIOUS, (String) null).set(IMPORT_UPDATED.DIGEST, 0L)
                .where(IMPORT_UPDATED.CUSTOMER_ID.eq(customerId)).execute();
    }
}
