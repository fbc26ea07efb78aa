package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The undo of the last import (issue 16, item 3; decision 0024): it deletes exactly the customers
 * the import added (with what hangs on them: phones, tags, consent history, the tier a new customer
 * starts in, what the program planned for them by itself) and puts back the profile before it of
 * the customers it changed. Offered until something else touches those customers: the profile
 * left by the import is compared with the profile now (a 64-bit digest of each), and each feature
 * says whether it holds records of theirs that a person made or acted on since
 * ({@link CustomerActivity}); the first customer found is named in the refusal. An import of
 * purchases is undone by the feature that owns them, through the {@link PurchaseImports} it adds.
 */
public final class ImportUndoService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportUndoService.class);

    private final CustomerService customers;
    private final Database db;
    private final CustomerRepository repository;
    private final ImportRepository imports = new ImportRepository();
    private volatile PurchaseImports purchases;

    public ImportUndoService(CustomerService customers) {
        this.customers = customers;
        this.db = customers.database();
        this.repository = customers.repository();
    }

    /**
     * The undo of imports of purchases, which the customer feature cannot do itself: the feature
     * that owns purchases adds it when it opens, and records its imports through
     * {@link #startPurchaseImport} and {@link #finishPurchaseImport}.
     */
    public interface PurchaseImports {
        /** The customers whose purchases the import {@code run} added (ids in {@code (run.firstId(), run.lastId()]}). */
        List<Long> customersOf(ImportRepository.Run run);

        /** Why the import cannot be undone for a reason of its own (a purchase of it voided, a tier changed since), if any. */
        Optional<Blocker> check(ImportRepository.Run run);

        /**
         * Removes the purchases the import added with their points, takes them off the running
         * totals and puts back the tiers it changed, in one transaction, in which {@code then}
         * runs too; returns how many purchases.
         */
        int undo(ImportRepository.Run run, java.util.function.Consumer<DSLContext> then);
    }

    public void setPurchaseImports(PurchaseImports purchases) {
        this.purchases = purchases;
    }

    /** Records an import of purchases under way: its purchases will be those after {@code afterPurchaseId}; {@code marks} its own. */
    public long startPurchaseImport(String fileName, long afterPurchaseId, String marks) {
        return db.write(cfg -> imports.startRun(cfg.dsl(), ImportRepository.Kind.PURCHASES, fileName, customers.stamp(), afterPurchaseId, marks));
    }

    /**
     * Records, in the import's last transaction {@code tx}, that the import of purchases {@code runId}
     * is done: how many, the last purchase id, its own marks and every feature's; the import before
     * is forgotten.
     */
    public void finishPurchaseImport(DSLContext tx, long runId, int rows, long lastPurchaseId, String marks) {
        StringBuilder all = new StringBuilder(marks);
        for (CustomerActivity a : customers.activities()) {
            all.append(';').append(a.key()).append('=').append(a.mark(tx));
        }
        imports.finishRun(tx, runId, customers.stamp(), rows, rows, 0, 0, lastPurchaseId, all.toString());
    }

    /** Forgets an import of purchases that failed (its purchases were deleted). */
    public void abandon(long runId) {
        db.write(cfg -> {
            imports.deleteRun(cfg.dsl(), runId);
            return null;
        });
    }

    /** The last import as recorded: what, from which file, when, and what it did. */
    public record LastImport(long id, ImportRepository.Kind kind, String fileName, LocalDateTime at, int rowsRead, int added,
                             int updated, int skipped, boolean undone) {
        /** The file's name without its folder. */
        public String shortName() {
            int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
            return fileName.substring(slash + 1);
        }
    }

    /** The last import, undone or not; empty when there has been none (since this version). */
    public Optional<LastImport> last() {
        return imports.newest(db.dsl(), ImportRepository.State.DONE, ImportRepository.State.UNDONE, ImportRepository.State.UNDOING)
                .map(ImportUndoService::last);
    }

    private static LastImport last(ImportRepository.Run r) {
        return new LastImport(r.id(), r.kind(), r.fileName(), r.finishedAt() != null ? r.finishedAt() : r.startedAt(), r.rowsRead(),
                r.added(), r.updated(), r.skipped(), r.state() != ImportRepository.State.DONE);
    }

    /** Why an import cannot be undone: the first customer found touched since, how, and how many others were. */
    public record Blocker(Reason reason, String name, String code, String recordKey, int others) {
        public enum Reason {
            /** The profile is not the one the import left. */
            CHANGED,
            /** A feature holds a record of theirs made since ({@link #recordKey()} names it). */
            RECORD,
            /** The customer is no longer there (merged, or deleted). */
            GONE
        }

        public String describe(Messages messages) {
            String first = switch (reason) {
                case CHANGED -> messages.get("import.undo.changed", name, code);
                case RECORD -> messages.get("import.undo.record", name, code, messages.get(recordKey));
                case GONE -> code == null ? messages.get("import.undo.goneAdded") : messages.get("import.undo.gone", code);
            };
            return others == 0 ? first : first + " " + messages.get("import.undo.others", others);
        }
    }

    /** What {@link #undoLast} did, or why it did nothing. */
    public record Outcome(LastImport run, int removed, int restored, Blocker refused) {
        public boolean done() {
            return refused == null;
        }

        /** One sentence for the window and the command line. */
        public String describe(Messages messages) {
            Formats f = new Formats(messages);
            if (!done()) {
                return messages.get("import.undo.refused", run.shortName(), f.dateTime(run.at()), refused.describe(messages));
            }
            return run.kind() == ImportRepository.Kind.PURCHASES
                    ? messages.get("import.undo.donePurchases", run.shortName(), f.dateTime(run.at()), removed)
                    : messages.get("import.undo.done", run.shortName(), f.dateTime(run.at()), removed, restored);
        }
    }

    /**
     * Undoes the last import when nothing has touched its customers since; else changes nothing and
     * says why ({@link Outcome#refused()}). A {@link UserException} when there is no import to undo.
     * All or nothing: the import is marked as being undone first, and a store opened with that mark
     * finishes the undo ({@link #finishInterrupted}).
     */
    public Outcome undoLast() {
        ImportRepository.Run run = imports.newest(db.dsl(), ImportRepository.State.DONE, ImportRepository.State.UNDONE,
                        ImportRepository.State.UNDOING)
                .orElseThrow(() -> new UserException("import.undo.nothing"));
        if (run.state() != ImportRepository.State.DONE) {
            throw new UserException("import.undo.already", last(run).shortName());
        }
        if (run.kind() == ImportRepository.Kind.PURCHASES) {
            PurchaseImports p = purchases;
            if (p == null) {
                throw new UserException("import.undo.nothing");
            }
            Optional<Blocker> blocker = recordsSince(run, p.customersOf(run)).or(() -> p.check(run));
            if (blocker.isPresent()) {
                LOG.info("Import {} of purchases not undone: a customer changed since ({})", run.id(), blocker.get().reason());
                return new Outcome(last(run), 0, 0, blocker.get());
            }
            int removed = p.undo(run, tx -> imports.setState(tx, run.id(), ImportRepository.State.UNDONE));
            LOG.info("Import {} of purchases undone: {} purchases removed", run.id(), removed);
            return new Outcome(last(run), removed, 0, null);
        }
        Optional<Blocker> blocker = check(run);
        if (blocker.isPresent()) {
            LOG.info("Import {} not undone: a customer changed since ({})", run.id(), blocker.get().reason());
            return new Outcome(last(run), 0, 0, blocker.get());
        }
        db.write(cfg -> {
            imports.setState(cfg.dsl(), run.id(), ImportRepository.State.UNDOING);
            return null;
        });
        int[] counts = finish(run);
        LOG.info("Import {} undone: {} customers deleted, {} put back", run.id(), counts[0], counts[1]);
        return new Outcome(last(run), counts[0], counts[1], null);
    }

    /** Finishes an undo the process did not (it died half-way); run once when the store opens. */
    public void finishInterrupted() {
        imports.newest(db.dsl(), ImportRepository.State.UNDOING).ifPresent(run -> {
            if (run.kind() == ImportRepository.Kind.CUSTOMERS) {
                finish(run);
                LOG.warn("An interrupted undo of import {} was finished", run.id());
            }
        });
    }

    /** Puts back the customers changed, deletes those added, forgets them; returns {deleted, put back}. */
    private int[] finish(ImportRepository.Run run) {
        ImportWriter writer = new ImportWriter(customers);
        return customers.bulkLoadCustomers(() -> {
            int restored = writer.putBack(run);
            int deleted = writer.deleteAfter(run.firstId(), run.lastId() == null ? run.firstId() : run.lastId());
            db.dsl().transaction(cfg -> {
                imports.forgetCustomers(cfg.dsl(), run.id());
                imports.setState(cfg.dsl(), run.id(), ImportRepository.State.UNDONE);
            });
            return new int[] {deleted, restored};
        });
    }

    /**
     * The first customer the import added or changed that something touched since, if any: their
     * profile is not the one the import left (or they are gone), or a feature holds a record of
     * theirs a person made or acted on since. Reads a thousand customers at a time.
     */
    Optional<Blocker> check(ImportRepository.Run run) {
        DSLContext dsl = db.dsl();
        Map<String, String> marks = ImportWriter.marks(run.marks());
        Finding finding = new Finding();
        imports.forEachAdded(dsl, run.id(), part -> {
            for (int from = 0; from < part.ids().length; from += ImportWriter.CHUNK) {
                int to = Math.min(part.ids().length, from + ImportWriter.CHUNK);
                Map<Long, Long> digests = new HashMap<>();
                for (int i = from; i < to; i++) {
                    digests.put(part.ids()[i], part.digests()[i]);
                }
                inspect(dsl, digests, Map.of(), null, finding);
            }
        });
        long last = 0;
        while (true) {
            List<ImportRepository.Updated> page = imports.updated(dsl, run.id(), last, ImportWriter.CHUNK);
            if (page.isEmpty()) {
                break;
            }
            last = page.getLast().customerId();
            Map<Long, Long> digests = new HashMap<>();
            Map<Long, String> codes = new HashMap<>();
            for (ImportRepository.Updated u : page) {
                digests.put(u.customerId(), u.previous() == null ? 0 : u.digest());
                codes.put(u.customerId(), u.code());
            }
            inspect(dsl, digests, codes, marks, finding);
        }
        return finding.first == null ? Optional.empty()
                : Optional.of(new Blocker(finding.first.reason(), finding.first.name(), finding.first.code(), finding.first.recordKey(),
                finding.count - 1));
    }

    /** The first of {@code customerIds} with a record a feature holds since the import {@code run} ended, and how many. */
    private Optional<Blocker> recordsSince(ImportRepository.Run run, List<Long> customerIds) {
        DSLContext dsl = db.dsl();
        Map<String, String> marks = ImportWriter.marks(run.marks());
        Finding finding = new Finding();
        List<Long> ids = customerIds.stream().sorted().toList();
        for (int from = 0; from < ids.size(); from += ImportWriter.CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ImportWriter.CHUNK));
            Map<Long, String> touched = new HashMap<>();
            for (CustomerActivity a : customers.activities()) {
                String mark = marks.get(a.key());
                if (mark != null) {
                    a.recordsSince(dsl, mark, chunk).forEach(touched::putIfAbsent);
                }
            }
            if (!touched.isEmpty()) {
                Map<Long, Customer> who = new HashMap<>();
                for (Customer c : repository.findByIds(dsl, touched.keySet())) {
                    who.put(c.id(), c);
                }
                for (long id : chunk) {
                    String what = touched.get(id);
                    Customer c = who.get(id);
                    if (what != null && c != null) {
                        finding.add(new Blocker(Blocker.Reason.RECORD, c.name(), c.code(), what, 0));
                    }
                }
            }
        }
        return finding.first == null ? Optional.empty()
                : Optional.of(new Blocker(finding.first.reason(), finding.first.name(), finding.first.code(), finding.first.recordKey(),
                finding.count - 1));
    }

    /** The first customer found touched, and how many were. */
    private static final class Finding {
        Blocker first;
        int count;

        void add(Blocker b) {
            if (first == null) {
                first = b;
            }
            count++;
        }
    }

    /**
     * Compares each customer's digest now with {@code digests} (as the import left them) and asks
     * every feature for their records since its mark ({@code marks} null: customers the import added,
     * whose every record is since).
     */
    private void inspect(DSLContext dsl, Map<Long, Long> digests, Map<Long, String> codes, Map<String, String> marks, Finding finding) {
        Collection<Long> ids = digests.keySet();
        Map<Long, Customer> now = new HashMap<>();
        for (Customer c : repository.findByIds(dsl, ids)) {
            now.put(c.id(), c);
        }
        List<Long> there = new ArrayList<>();
        for (long id : ids.stream().sorted().toList()) {
            Customer c = now.get(id);
            if (c == null) {
                finding.add(new Blocker(Blocker.Reason.GONE, null, codes.get(id), null, 0));
            } else if (CustomerSnapshot.digest(c) != digests.get(id)) {
                finding.add(new Blocker(Blocker.Reason.CHANGED, c.name(), c.code(), null, 0));
            } else {
                there.add(id);
            }
        }
        if (there.isEmpty()) {
            return;
        }
        Map<Long, String> touched = new HashMap<>();
        for (CustomerActivity a : customers.activities()) {
            String mark = marks == null ? null : marks.get(a.key());
            if (marks != null && mark == null) {
                continue; // a feature added after the import: it holds nothing of it
            }
            a.recordsSince(dsl, mark, there).forEach(touched::putIfAbsent);
        }
        for (long id : there) {
            String what = touched.get(id);
            if (what != null) {
                Customer c = now.get(id);
                finding.add(new Blocker(Blocker.Reason.RECORD, c.name(), c.code(), what, 0));
            }
        }
    }
}
