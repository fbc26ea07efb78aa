package app.regulars.customer;

import org.jooq.DSLContext;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer feature's own part of the undo of an import (decision 0024): a merge into a
 * customer the import added or changed stops its undo (decision 0025). The profile digest does not
 * always see a merge: when the others bring nothing the kept customer lacks, the kept profile stays
 * as the import left it, while the others are gone and their records are now the kept one's, which
 * the undo of an added customer would delete with them.
 */
final class MergeActivity implements CustomerActivity {
    private final MergeRepository repository;

    MergeActivity(MergeRepository repository) {
        this.repository = repository;
    }

    @Override
    public String key() {
        return "merge";
    }

    @Override
    public String mark(DSLContext dsl) {
        return Long.toString(repository.lastMergeId(dsl));
    }

    @Override
    public Map<Long, String> recordsSince(DSLContext dsl, String mark, Collection<Long> customerIds) {
        long after = mark == null ? 0 : Long.parseLong(mark.strip());
        Map<Long, String> out = new LinkedHashMap<>();
        for (long id : repository.mergedIntoSince(dsl, after, customerIds)) {
            out.put(id, "import.undo.record.merge");
        }
        return out;
    }
}
