package app.regulars.insight;

import app.regulars.customer.CustomerListLink;
import app.regulars.customer.ListFilter;
import app.regulars.feature.Extensions;
import app.regulars.i18n.Messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The customer list's filters by today's insights: one per segment, lifecycle stage and value
 * class ("Segment: Important value"), and a way to open the list on one of them, which is what
 * a click on a bar of the Insights page's charts does.
 */
public final class InsightListFilters {
    private final InsightIndex index;
    private final Messages messages;
    private final Extensions extensions;

    InsightListFilters(InsightIndex index, Messages messages, Extensions extensions) {
        this.index = index;
        this.messages = messages;
        this.extensions = extensions;
    }

    /** Every filter, in this order: the segments, the stages, the value classes. */
    public List<ListFilter> all() {
        List<ListFilter> all = new ArrayList<>();
        for (Segment s : Segment.values()) {
            all.add(segment(s));
        }
        for (Lifecycle l : Lifecycle.values()) {
            all.add(stage(l));
        }
        for (ValueClass v : ValueClass.values()) {
            all.add(valueClass(v));
        }
        return all;
    }

    /** The customers of a segment. */
    public ListFilter segment(Segment segment) {
        return filter("insight.list.segment", segment.key(), v -> ids(v, c -> c.segment() == segment));
    }

    /** The customers at a stage; prospects are those without a purchase (archived ones left out, as everywhere in the insights). */
    public ListFilter stage(Lifecycle stage) {
        return filter("insight.list.stage", stage.key(), v -> {
            if (stage != Lifecycle.PROSPECT) {
                return ids(v, c -> c.lifecycle() == stage);
            }
            Set<Long> prospects = new HashSet<>();
            for (long id : v.active()) {
                if (!v.snapshot().has(id)) {
                    prospects.add(id);
                }
            }
            return prospects;
        });
    }

    /** The customers of a value class. */
    public ListFilter valueClass(ValueClass value) {
        return filter("insight.list.value", value.key(), v -> ids(v, c -> c.valueClass() == value));
    }

    /** The customers of one cell of the Insights page's R × F grid (scores 1 to 5). */
    public ListFilter recencyFrequency(int r, int f) {
        String label = messages.get("insight.list.rf", r, f);
        return named("insight.rf." + r + "." + f, label, v -> ids(v, c -> c.r() == r && c.f() == f));
    }

    /**
     * Goes to the customer list narrowed to {@code filter} (see {@link CustomerListLink}); does
     * nothing where there is no customer list (a test that shows the Insights page alone).
     */
    public void open(ListFilter filter) {
        extensions.one(CustomerListLink.class).ifPresent(link -> link.showFiltered(filter));
    }

    private static Set<Long> ids(InsightIndex.View v, java.util.function.Predicate<CustomerInsight> which) {
        Set<Long> out = new HashSet<>();
        for (CustomerInsight c : v.snapshot().customers()) {
            if (which.test(c)) {
                out.add(c.customerId());
            }
        }
        return out;
    }

    private ListFilter filter(String dimensionKey, String valueKey, Function<InsightIndex.View, Set<Long>> ids) {
        return named(valueKey, messages.get("insight.list.filter", messages.get(dimensionKey), messages.get(valueKey)), ids);
    }

    private ListFilter named(String id, String label, Function<InsightIndex.View, Set<Long>> ids) {
        return new ListFilter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public Set<Long> customerIds() {
                return ids.apply(index.current());
            }

            @Override
            public String toString() {
                return label;
            }
        };
    }
}
