package app.regulars.customer;

import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The storing pass of a customer import that matches duplicates (decision 0024), behind
 * {@link CustomerService#importAll}: new customers as {@link CustomerService#insertAll} stores
 * them, changes to customers already there as JDBC batches, a slice per transaction, all or
 * nothing; and the record its undo needs (the customers it added with a digest of each, the
 * profile before of those it changed). A failure, a cancel or a killed process puts back what the
 * committed slices changed and deletes what they added ({@link #rollBack}).
 */
final class ImportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ImportWriter.class);
    /** Customers read, deleted or put back per query or short transaction. */
    static final int CHUNK = 1_000;
    /** Marks of the customer feature's own consent history in {@code import_run.marks}. */
    static final String CONSENT_FROM = "consent.from";
    static final String CONSENT_TO = "consent.to";

    private final CustomerService service;
    private final Database db;
    private final CustomerRepository repository;
    private final ImportRepository imports = new ImportRepository();

    ImportWriter(CustomerService service) {
        this.service = service;
        this.db = service.database();
        this.repository = service.repository();
    }

    /** The ids and digests of the customers an import has added so far, in id order. */
    private static final class Added {
        long[] ids = new long[1024];
        long[] digests = new long[1024];
        int size;

        void add(long id, long digest) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
                digests = java.util.Arrays.copyOf(digests, size * 2);
            }
            ids[size] = id;
            digests[size++] = digest;
        }

        void redigest(long id, long digest) {
            int at = java.util.Arrays.binarySearch(ids, 0, size, id);
            if (at < 0) {
                throw new IllegalStateException("customer " + id + " was not added by this import");
            }
            digests[at] = digest;
        }
    }

    CustomerService.ImportCounts run(String fileName, int rowsRead, int skippedRows, OnDuplicate rule,
                                     Consumer<CustomerService.ImportSlices> producer, ConsentSource source, IntConsumer progress,
                                     BooleanSupplier cancelled) {
        Settings settings = new Settings(db);
        long after = repository.maxId(db.dsl());
        LocalDateTime now = service.stamp();
        long runId = db.write(cfg -> imports.startRun(cfg.dsl(), ImportRepository.Kind.CUSTOMERS, fileName, now, after,
                CONSENT_FROM + "=" + imports.maxConsentChange(cfg.dsl())));
        settings.put(CustomerService.FILL_PENDING, Long.toString(after));
        Added added = new Added();
        int[] counts = new int[3]; // added, updated, unchanged
        int[] done = {0};
        // Into a store without customers, a large import is stored with the customer tables' indexes
        // made again after it (decision 0029). Into one with customers they are kept up: the rows
        // it updates are read and rewritten by customer, through those indexes.
        app.regulars.store.Database.LoadInto into = after == 0 ? CustomerService.newCustomers(rowsRead - skippedRows) : null;
        try {
            service.bulkLoadCustomers(into, () -> {
                producer.accept(slice -> {
                    if (cancelled.getAsBoolean()) {
                        throw new UserException("common.cancelled");
                    }
                    long[] ids = new long[slice.size()];
                    int before = done[0];
                    db.dsl().transaction(cfg -> writeSlice(cfg.dsl(), runId, after, rule, slice, ids, added, counts, now, source,
                            k -> {
                                if (cancelled.getAsBoolean()) {
                                    throw new UserException("common.cancelled");
                                }
                                progress.accept(before + k);
                            }));
                    done[0] += slice.size();
                    progress.accept(done[0]);
                    return ids;
                });
                String marks = CONSENT_FROM + "=" + startMark(runId) + ";" + CONSENT_TO + "=" + imports.maxConsentChange(db.dsl())
                        + activityMarks(db.dsl());
                db.dsl().transaction(cfg -> {
                    DSLContext dsl = cfg.dsl();
                    for (int from = 0, part = 0; from < added.size; from += CustomerService.SLICE, part++) {
                        imports.addAdded(dsl, runId, part, added.ids, added.digests, from, Math.min(added.size, from + CustomerService.SLICE));
                    }
                    imports.finishRun(dsl, runId, now, rowsRead, counts[0], counts[1], skippedRows + counts[2], repository.maxId(dsl), marks);
                    Settings.remove(dsl, CustomerService.FILL_PENDING);
                });
                return null;
            });
        } catch (RuntimeException e) {
            rollBack(runId, after);
            throw e;
        }
        LOG.info("Import {}: {} added, {} updated, {} skipped", runId, counts[0], counts[1], skippedRows + counts[2]);
        return new CustomerService.ImportCounts(counts[0], counts[1], skippedRows + counts[2]);
    }

    private String startMark(long runId) {
        String marks = imports.run(db.dsl(), runId).map(ImportRepository.Run::marks).orElse("");
        return marks(marks).getOrDefault(CONSENT_FROM, "0");
    }

    /** Each feature's mark, as {@code ;key=mark} after one another. */
    private String activityMarks(DSLContext dsl) {
        StringBuilder sb = new StringBuilder();
        for (CustomerActivity a : service.activities()) {
            sb.append(';').append(a.key()).append('=').append(a.mark(dsl));
        }
        return sb.toString();
    }

    /** The marks of {@code import_run.marks}: {@code key=value;key=value}. */
    static Map<String, String> marks(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null) {
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return out;
    }

    /**
     * One slice in its transaction: the new customers first (so that later rows of the slice can
     * go to them), then the changes in the order of the rows, each on the customer as the rows
     * before it left them; only the customers that changed are written.
     */
    private void writeSlice(DSLContext dsl, long runId, long after, OnDuplicate rule, List<CustomerService.ImportItem> slice, long[] ids,
                            Added added, int[] counts, LocalDateTime now, ConsentSource source, IntConsumer progress) {
        List<Customer> adds = new ArrayList<>();
        List<Integer> addAt = new ArrayList<>();
        for (int i = 0; i < slice.size(); i++) {
            if (slice.get(i).into() == 0) {
                adds.add(slice.get(i).customer());
                addAt.add(i);
            }
        }
        if (!adds.isEmpty()) {
            List<Customer> coded = service.withCodes(dsl, adds);
            long[] newIds = repository.insertMany(dsl, coded, now, source, progress);
            for (int k = 0; k < newIds.length; k++) {
                ids[addAt.get(k)] = newIds[k];
                added.add(newIds[k], CustomerSnapshot.digest(coded.get(k)));
            }
            counts[0] += newIds.length;
        }
        if (adds.size() == slice.size()) {
            return;
        }
        Set<Long> targets = new LinkedHashSet<>();
        for (int i = 0; i < slice.size(); i++) {
            long into = slice.get(i).into();
            if (into == 0) {
                continue; // added above: ids[i] is its new id
            }
            if (into < 0) {
                into = ids[(int) (-into - 1)];
                if (into == 0) {
                    throw new IllegalArgumentException("an item goes to an earlier item that adds no customer");
                }
            }
            ids[i] = into;
            targets.add(into);
        }
        Map<Long, Customer> before = new HashMap<>();
        List<Long> all = new ArrayList<>(targets);
        for (int from = 0; from < all.size(); from += CHUNK) {
            for (Customer c : repository.findByIds(dsl, all.subList(from, Math.min(all.size(), from + CHUNK)))) {
                before.put(c.id(), c);
            }
        }
        Map<Long, Customer> current = new HashMap<>(before);
        Set<Long> changed = new LinkedHashSet<>();
        for (int i = 0; i < slice.size(); i++) {
            CustomerService.ImportItem item = slice.get(i);
            if (item.into() == 0) {
                continue;
            }
            Customer c = current.get(ids[i]);
            if (c == null) {
                throw new UserException("customer.error.gone");
            }
            Customer merged = c.erased() ? c : merge(c, item, rule == OnDuplicate.OVERWRITE);
            if (CustomerSnapshot.digest(merged) != CustomerSnapshot.digest(c)) {
                current.put(c.id(), merged);
                changed.add(c.id());
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        List<Customer> write = new ArrayList<>(changed.size());
        List<Consent> consents = new ArrayList<>(changed.size());
        for (long id : changed) {
            write.add(current.get(id));
            consents.add(before.get(id).consent());
        }
        repository.updateMany(dsl, write, consents, now, source);
        List<Long> stored = new ArrayList<>();
        for (long id : changed) {
            if (id <= after) {
                stored.add(id);
            } else {
                added.redigest(id, CustomerSnapshot.digest(current.get(id)));
            }
        }
        if (!stored.isEmpty()) {
            Set<Long> recorded = new java.util.HashSet<>();
            for (int from = 0; from < stored.size(); from += CHUNK) {
                recorded.addAll(imports.recorded(dsl, runId, stored.subList(from, Math.min(stored.size(), from + CHUNK))));
            }
            List<ImportRepository.Updated> first = new ArrayList<>();
            List<ImportRepository.Updated> again = new ArrayList<>();
            for (long id : stored) {
                Customer now2 = current.get(id);
                ImportRepository.Updated u = new ImportRepository.Updated(id, now2.code(), CustomerSnapshot.digest(now2),
                        CustomerSnapshot.text(before.get(id)));
                (recorded.contains(id) ? again : first).add(u);
            }
            imports.insertUpdated(dsl, runId, first);
            imports.updateDigests(dsl, runId, again);
        }
    }

    /**
     * {@code stored} with what an import's row brings: with {@code overwrite}, every field the row
     * has (its name too; its phones and tags as a whole; its consent when a consent cell was
     * filled); else only the fields the customer has empty, and the phones and tags it lacks (up
     * to {@value CustomerService#MAX_PHONES} and {@value CustomerService#MAX_TAGS}); the custom
     * fields' values the same way, field by field. The card number,
     * the archive and the dates never change.
     */
    static Customer merge(Customer stored, CustomerService.ImportItem item, boolean overwrite) {
        Customer row = item.customer();
        Customer.Builder b = stored.toBuilder();
        if (overwrite) {
            b.name(row.name() != null ? row.name() : stored.name())
                    .gender(pick(row.gender(), stored.gender()))
                    .birthday(pick(row.birthday(), stored.birthday()))
                    .email(pick(row.email(), stored.email()))
                    .wechat(pick(row.wechat(), stored.wechat()))
                    .address(pick(row.address(), stored.address()))
                    .company(pick(row.company(), stored.company()))
                    .jobTitle(pick(row.jobTitle(), stored.jobTitle()))
                    .source(pick(row.source(), stored.source()))
                    .notes(pick(row.notes(), stored.notes()))
                    .preferences(pick(row.preferences(), stored.preferences()))
                    .phones(row.phones().isEmpty() ? stored.phones() : row.phones())
                    .tags(row.tags().isEmpty() ? stored.tags() : row.tags())
                    .consent(item.consentStated() ? row.consent() : stored.consent())
                    .fields(withValues(stored.fields(), row.fields(), true));
        } else {
            b.gender(pick(stored.gender(), row.gender()))
                    .birthday(pick(stored.birthday(), row.birthday()))
                    .email(pick(stored.email(), row.email()))
                    .wechat(pick(stored.wechat(), row.wechat()))
                    .address(pick(stored.address(), row.address()))
                    .company(pick(stored.company(), row.company()))
                    .jobTitle(pick(stored.jobTitle(), row.jobTitle()))
                    .source(pick(stored.source(), row.source()))
                    .notes(pick(stored.notes(), row.notes()))
                    .preferences(pick(stored.preferences(), row.preferences()))
                    .phones(union(stored.phones(), row.phones(), CustomerService.MAX_PHONES, false))
                    .tags(union(stored.tags(), row.tags(), CustomerService.MAX_TAGS, true))
                    .consent(item.consentStated() && empty(stored.consent()) ? row.consent() : stored.consent())
                    .fields(withValues(stored.fields(), row.fields(), false));
        }
        return b.build();
    }

    /** The custom fields' values (decision 0027): {@code stored} with the row's over them, or only where it has none. */
    private static Map<Long, FieldValue> withValues(Map<Long, FieldValue> stored, Map<Long, FieldValue> row, boolean overwrite) {
        if (row == null || row.isEmpty()) {
            return stored;
        }
        Map<Long, FieldValue> out = new java.util.LinkedHashMap<>(stored == null ? Map.of() : stored);
        for (Map.Entry<Long, FieldValue> e : row.entrySet()) {
            if (overwrite) {
                out.put(e.getKey(), e.getValue());
            } else {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static <T> T pick(T first, T second) {
        return first != null ? first : second;
    }

    private static boolean empty(Consent c) {
        return !c.marketing() && c.date() == null && c.optOuts().isEmpty();
    }

    /** {@code stored} and then the items of {@code more} it lacks (tags in any case), at most {@code max}. */
    private static List<String> union(List<String> stored, List<String> more, int max, boolean anyCase) {
        List<String> out = new ArrayList<>(stored);
        Set<String> seen = new java.util.HashSet<>();
        for (String s : stored) {
            seen.add(anyCase ? s.toLowerCase(Locale.ROOT) : s);
        }
        for (String s : more) {
            if (out.size() >= max) {
                break;
            }
            if (seen.add(anyCase ? s.toLowerCase(Locale.ROOT) : s)) {
                out.add(s);
            }
        }
        return out.size() == stored.size() ? stored : out;
    }

    // ---- putting it back ----

    /**
     * Undoes an import that did not finish (it failed, was cancelled, or the process died): the
     * customers it changed get their profile before it back, the consent history it wrote for them
     * goes, the customers it added (ids after {@code after}) are deleted, and the run is forgotten.
     */
    void rollBack(long runId, long after) {
        service.bulkLoadCustomers(() -> {
            ImportRepository.Run run = imports.run(db.dsl(), runId).orElse(null);
            if (run != null) {
                putBack(run);
            }
            deleteAfter(after, Long.MAX_VALUE);
            db.dsl().transaction(cfg -> {
                imports.deleteRun(cfg.dsl(), runId);
                Settings.remove(cfg.dsl(), CustomerService.FILL_PENDING);
            });
            return null;
        });
    }

    /** Puts back the profile before the import of every customer it changed, a thousand per transaction; returns how many. */
    int putBack(ImportRepository.Run run) {
        Map<String, String> marks = marks(run.marks());
        long consentFrom = Long.parseLong(marks.getOrDefault(CONSENT_FROM, "0"));
        long consentTo = marks.containsKey(CONSENT_TO) ? Long.parseLong(marks.get(CONSENT_TO)) : Long.MAX_VALUE;
        LocalDateTime now = service.stamp();
        int n = 0;
        long last = 0;
        while (true) {
            List<ImportRepository.Updated> page = imports.updated(db.dsl(), run.id(), last, CHUNK);
            if (page.isEmpty()) {
                return n;
            }
            last = page.getLast().customerId();
            List<Customer> previous = new ArrayList<>(page.size());
            List<Long> ids = new ArrayList<>(page.size());
            for (ImportRepository.Updated u : page) {
                ids.add(u.customerId());
                if (u.previous() != null) {
                    previous.add(CustomerSnapshot.read(u.previous()));
                }
            }
            db.dsl().transaction(cfg -> {
                DSLContext dsl = cfg.dsl();
                Map<Long, Customer> there = new HashMap<>();
                for (Customer c : repository.findByIds(dsl, ids)) {
                    there.put(c.id(), c);
                }
                List<Customer> write = new ArrayList<>();
                List<Consent> none = new ArrayList<>();
                for (Customer p : previous) {
                    Customer c = there.get(p.id());
                    if (c != null && !c.erased()) {
                        write.add(p.toBuilder().createdAt(c.createdAt()).archived(c.archived()).build());
                        none.add(null); // the import's entries in the consent history go instead
                    }
                }
                repository.updateMany(dsl, write, none, now, ConsentSource.IMPORT);
                imports.deleteConsentChanges(dsl, ids, consentFrom, consentTo);
            });
            n += previous.size();
        }
    }

    /** Deletes the customers with ids in {@code (after, upTo]}, a thousand per transaction; returns how many. */
    int deleteAfter(long after, long upTo) {
        long top = Math.min(upTo, repository.maxId(db.dsl()));
        int n = 0;
        for (long from = after; from < top; from += CHUNK) {
            long lo = from;
            long hi = Math.min(top, from + CHUNK);
            n += db.dsl().transactionResult(cfg -> repository.deleteRange(cfg.dsl(), lo, hi));
        }
        return n;
    }
}
