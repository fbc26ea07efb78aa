package app.regulars.followup;

import app.regulars.customer.CustomerMerge;
import app.regulars.customer.MergeHook;
import org.jooq.DSLContext;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follow-ups' part of a merge of customers (decision 0025): the others' contacts and follow-ups
 * (done, missed, cancelled and planned, complaints and their reschedules) move to the kept
 * customer. Of the automatic follow-ups still planned (birthday, holiday greetings, check-in,
 * win-back), the kept customer keeps one of each: their own, else the earliest of the others';
 * the rest are cancelled, not deleted. Those that move get the keys the generator gives the kept
 * customer, so that it makes none of them twice.
 */
final class FollowUpMerge implements MergeHook {
    private final FollowUpRepository repository;

    FollowUpMerge(FollowUpRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<String, Integer> count(DSLContext dsl, Collection<Long> customerIds) {
        return repository.countForMerge(dsl, customerIds);
    }

    @Override
    public void move(DSLContext tx, CustomerMerge merge) {
        List<Long> all = new ArrayList<>();
        all.add(merge.keptId());
        all.addAll(merge.others());
        List<FollowUpRepository.Keyed> keyed = repository.keyed(tx, all);
        // One planned automatic follow-up of each kind: the kept customer's, else the earliest due.
        Map<String, FollowUpRepository.Keyed> keep = new HashMap<>();
        for (FollowUpRepository.Keyed k : keyed) {
            String slot = FollowUpTitles.slot(k.key());
            if (!k.planned() || slot == null) {
                continue;
            }
            FollowUpRepository.Keyed held = keep.get(slot);
            if (held == null || held.customerId() != merge.keptId() && k.customerId() == merge.keptId()) {
                keep.put(slot, k);
            }
        }
        List<Long> cancel = new ArrayList<>();
        for (FollowUpRepository.Keyed k : keyed) {
            String slot = FollowUpTitles.slot(k.key());
            if (k.planned() && slot != null && keep.get(slot).id() != k.id()) {
                cancel.add(k.id());
            }
        }
        LocalDateTime at = merge.at();
        repository.cancel(tx, cancel, at);
        for (FollowUpRepository.Keyed k : keyed) {
            if (k.customerId() != merge.keptId()) {
                String key = FollowUpTitles.rekey(k.key(), k.customerId(), merge.keptId());
                if (!key.equals(k.key())) {
                    repository.setGenerationKey(tx, k.id(), key);
                }
            }
        }
        repository.moveForMerge(tx, merge.keptId(), merge.others());
    }
}
