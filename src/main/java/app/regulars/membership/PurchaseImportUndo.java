package app.regulars.membership;

import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.ImportRepository;
import app.regulars.customer.ImportUndoService;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The undo of an import of purchases (decision 0024), which the customer feature's
 * {@link ImportUndoService} hands over: the customers it concerns, membership's own reasons to
 * refuse (a purchase of the import voided since, a tier changed since), and the undo itself in one
 * transaction (totals, tiers, points, purchases).
 */
final class PurchaseImportUndo implements ImportUndoService.PurchaseImports {
    /** Marks of an import of purchases: its tier changes are those in {@code (tier.from, tier.to]}. */
    static final String TIER_FROM = "tier.from";
    static final String TIER_TO = "tier.to";

    private final MembershipService membership;
    private final CustomerService customers;
    private final MembershipImportRepository repository = new MembershipImportRepository();

    PurchaseImportUndo(MembershipService membership, CustomerService customers) {
        this.membership = membership;
        this.customers = customers;
    }

    @Override
    public List<Long> customersOf(ImportRepository.Run run) {
        return repository.customersOfPurchases(membership.database().dsl(), run.firstId(), lastId(run));
    }

    @Override
    public Optional<ImportUndoService.Blocker> check(ImportRepository.Run run) {
        DSLContext dsl = membership.database().dsl();
        Optional<Long> voided = repository.voidedAmong(dsl, run.firstId(), lastId(run));
        if (voided.isPresent()) {
            return blocker(voided.get(), "import.undo.record.void");
        }
        List<Long> ids = customersOf(run);
        long tierTo = mark(run, TIER_TO);
        for (int from = 0; from < ids.size(); from += 1000) {
            Optional<Long> moved = repository.tierChangedAfter(dsl, tierTo, ids.subList(from, Math.min(ids.size(), from + 1000)));
            if (moved.isPresent()) {
                return blocker(moved.get(), "import.undo.record.tier");
            }
        }
        return Optional.empty();
    }

    private Optional<ImportUndoService.Blocker> blocker(long customerId, String what) {
        Customer c = customers.get(customerId).orElse(null);
        return Optional.of(c == null ? new ImportUndoService.Blocker(ImportUndoService.Blocker.Reason.GONE, null, null, null, 0)
                : new ImportUndoService.Blocker(ImportUndoService.Blocker.Reason.RECORD, c.name(), c.code(), what, 0));
    }

    @Override
    public int undo(ImportRepository.Run run, Consumer<DSLContext> then) {
        return membership.database().write(cfg -> {
            int n = repository.undoPurchases(cfg.dsl(), membership.tierRepository(), membership.now(), run.firstId(), lastId(run),
                    mark(run, TIER_FROM), mark(run, TIER_TO));
            then.accept(cfg.dsl());
            return n;
        });
    }

    private static long lastId(ImportRepository.Run run) {
        return run.lastId() == null ? run.firstId() : run.lastId();
    }

    private static long mark(ImportRepository.Run run, String key) {
        Map<String, String> marks = new java.util.HashMap<>();
        for (String part : (run.marks() == null ? "" : run.marks()).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                marks.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Long.parseLong(marks.getOrDefault(key, "0"));
    }
}
