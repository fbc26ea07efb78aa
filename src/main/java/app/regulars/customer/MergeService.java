package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.tables.Progress;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Duplicate customers (decision 0025): finding the pairs that may be one person
 * ({@link DuplicateFinder}), remembering those that are not, and merging two or more customers
 * into one. A merge is one transaction: each feature moves its records of the others to the kept
 * customer through the {@link MergeHook} it added when it opened (and recomputes what depends on
 * them: running totals, points, tier), the kept profile takes the chosen fields (and the others'
 * custom values where it has none), the others are
 * deleted, and the merge is recorded on the kept profile. Their card numbers find the kept
 * customer from then on.
 */
public final class MergeService {
    private static final Logger LOG = LoggerFactory.getLogger(MergeService.class);

    private final Database db;
    private final CustomerService customers;
    private final CustomerRepository repository;
    private final MergeRepository merges;
    private final Clock clock;
    private final List<MergeHook> hooks = new CopyOnWriteArrayList<>();

    public MergeService(Database db, CustomerService customers, CustomerRepository repository, MergeRepository merges, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.repository = repository;
        this.merges = merges;
        this.clock = clock;
    }

    /** Adds a feature's part of every merge: it counts and moves its records after those added before it. */
    public void add(MergeHook hook) {
        hooks.add(hook);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    // ---- finding ----

    /**
     * The pairs of active customers who may be one person, likeliest first, without those
     * dismissed. Seconds at 100,000 customers: run it off the JavaFX thread. {@code progress} goes
     * from 0 to 100; a cancel is a {@code UserException} {@code common.cancelled}.
     */
    public DuplicateFinder.Result findDuplicates(Progress progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        progress.update(0, 100);
        List<DuplicateFinder.Person> people = merges.people(db.dsl());
        if (cancelled.getAsBoolean()) {
            throw new UserException("common.cancelled");
        }
        Set<DuplicateFinder.Pair> dismissed = merges.dismissed(db.dsl());
        progress.update(30, 100);
        DuplicateFinder.Result result = new DuplicateFinder(people, dismissed)
                .find((done, total) -> progress.update(30 + 70 * done / Math.max(1, total), 100), cancelled);
        LOG.info("Found {} likely duplicate pairs among {} customers in {} ms", result.pairs().size(), people.size(),
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** Remembers that the two customers are two people: the finder leaves the pair out from then on. */
    public void dismiss(long a, long b) {
        if (a == b) {
            return;
        }
        LocalDateTime now = now();
        db.write(cfg -> {
            merges.dismiss(cfg.dsl(), DuplicateFinder.Pair.of(a, b), now);
            return null;
        });
    }

    // ---- merging ----

    /** The merge of the customers with these card numbers into the one with {@code keepCode}, with the default choices. */
    public MergePlan plan(String keepCode, List<String> otherCodes) {
        Customer kept = byCode(keepCode);
        List<Long> others = new ArrayList<>();
        for (String code : otherCodes) {
            others.add(byCode(code).id());
        }
        return plan(kept.id(), others);
    }

    private Customer byCode(String code) {
        return customers.byCode(code).orElseThrow(() -> new UserException("merge.error.noCode", code.strip()));
    }

    /** The merge of {@code otherIds} into {@code keptId}, with the default choices and what each feature will move. */
    public MergePlan plan(long keptId, List<Long> otherIds) {
        Set<Long> others = new LinkedHashSet<>(otherIds);
        others.remove(keptId);
        if (others.isEmpty()) {
            throw new UserException("merge.error.same");
        }
        Customer kept = customer(keptId);
        List<Customer> rest = new ArrayList<>();
        for (long id : others) {
            rest.add(customer(id));
        }
        return MergePlan.of(kept, rest, count(List.copyOf(others)));
    }

    private Customer customer(long id) {
        Customer c = customers.get(id).orElseThrow(() -> new UserException("customer.error.gone"));
        if (c.erased()) {
            throw new UserException("merge.error.erased", c.code());
        }
        return c;
    }

    /** What the features hold about these customers, by kind (a bundle key with a count), in the order of the features. */
    public Map<String, Integer> count(List<Long> ids) {
        DSLContext dsl = db.dsl();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (MergeHook hook : hooks) {
            hook.count(dsl, ids).forEach((k, v) -> out.merge(k, v, Integer::sum));
        }
        out.put("merge.count.consentChanges", merges.consentChanges(dsl, ids));
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** What a merge did: the merged customer as saved, what moved to them, and the card numbers merged in. */
    public record Merged(Customer kept, List<String> mergedCodes, Map<String, Integer> moved) {
    }

    /**
     * Merges as planned, all or nothing: the features move the others' records to the kept
     * customer, the kept profile takes the chosen fields (validated as a save is: more than 5
     * phones or 20 tags refuse the merge), the others are deleted and recorded on the kept profile.
     * {@code messages} gives the line of the notes that keeps an email not chosen.
     */
    public Merged merge(MergePlan plan, MergeRecord.Source source, Messages messages) {
        Customer merged = customers.normalize(withValuesOfOthers(plan.result(email -> messages.get("merge.notes.email", email)), plan));
        long keptId = plan.kept().id();
        List<Long> others = plan.others().stream().map(Customer::id).toList();
        List<Long> all = new ArrayList<>();
        all.add(keptId);
        all.addAll(others);
        LocalDateTime now = now();
        Map<String, Integer> moved = count(others);
        Customer saved = customers.writeCustomers(cfg -> {
            DSLContext dsl = cfg.dsl();
            Set<Long> present = merges.lock(dsl, all);
            List<Customer> before = new ArrayList<>();
            for (long id : all) {
                if (!present.contains(id)) {
                    throw new UserException("customer.error.gone");
                }
                Customer c = repository.findById(dsl, id).orElseThrow(() -> new UserException("customer.error.gone"));
                if (c.erased()) {
                    throw new UserException("merge.error.erased", c.code());
                }
                before.add(c);
            }
            CustomerMerge merge = new CustomerMerge(keptId, others, now);
            merges.moveOwn(dsl, keptId, others);
            for (MergeHook hook : hooks) {
                hook.move(dsl, merge);
            }
            List<String> left = merges.leftBehind(dsl, others);
            if (!left.isEmpty()) {
                // A feature keeps records about customers and moves none of them: its records would be lost.
                throw new IllegalStateException("A merge would leave records behind in " + left + ": no MergeHook moves them");
            }
            for (Customer other : before.subList(1, before.size())) {
                merges.record(dsl, keptId, other, now, source);
            }
            merges.delete(dsl, others);
            // The kept row is locked (present, above): saved over at the version it has now.
            repository.update(dsl, merged.toBuilder().version(before.getFirst().version()).build(), now);
            if (!before.getFirst().consent().equals(merged.consent())) {
                repository.insertConsentChange(dsl, keptId, now, ConsentSource.MERGE, merged.consent());
            }
            return repository.findById(dsl, keptId).orElseThrow();
        });
        LOG.info("Merged customers {} into {}", others, keptId);
        return new Merged(saved, plan.others().stream().map(Customer::code).toList(), moved);
    }

    /**
     * The kept profile with the custom fields' values (decision 0027) of the others where it has
     * none, the first other's first: like phones and tags, values are united, never lost.
     */
    private static Customer withValuesOfOthers(Customer result, MergePlan plan) {
        java.util.Map<Long, FieldValue> values = new java.util.LinkedHashMap<>(result.fields() == null ? java.util.Map.of() : result.fields());
        for (Customer other : plan.others()) {
            if (other.fields() != null) {
                other.fields().forEach(values::putIfAbsent);
            }
        }
        return result.toBuilder().fields(values).build();
    }

    /** The customers merged into this one, oldest first. */
    public List<MergeRecord> mergedInto(long customerId) {
        return repository.mergedInto(db.dsl(), customerId);
    }
}
