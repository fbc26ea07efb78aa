package app.regulars.insight;

import app.regulars.customer.ListColumn;
import app.regulars.i18n.Messages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A column of the customer list from today's insights: the segment, the lifecycle stage or the value class. */
final class InsightListColumn implements ListColumn {
    /** What the column shows: a bundle key of each customer's value, null for none. */
    enum Kind {
        SEGMENT("insight.list.segment", 175, (v, id) -> v.of(id) == null ? null : v.of(id).segment().key()),
        STAGE("insight.list.stage", 90, (v, id) -> v.stage(id) == null ? null : v.stage(id).key()),
        VALUE("insight.list.value", 90, (v, id) -> v.of(id) == null ? null : v.of(id).valueClass().key());

        final String titleKey;
        final double width;
        final java.util.function.BiFunction<InsightIndex.View, Long, String> valueKey;

        Kind(String titleKey, double width, java.util.function.BiFunction<InsightIndex.View, Long, String> valueKey) {
            this.titleKey = titleKey;
            this.width = width;
            this.valueKey = valueKey;
        }
    }

    private final Kind kind;
    private final InsightIndex index;
    private final Messages messages;

    InsightListColumn(Kind kind, InsightIndex index, Messages messages) {
        this.kind = kind;
        this.index = index;
        this.messages = messages;
    }

    @Override
    public String title() {
        return messages.get(kind.titleKey);
    }

    @Override
    public double width() {
        return kind.width;
    }

    /** The segment is shown when the list opens; stage and value class are one click away in the header's menu. */
    @Override
    public boolean visibleAtFirst() {
        return kind == Kind.SEGMENT;
    }

    /** The first call of a day computes the snapshot of every customer: seconds at 100,000. */
    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public Map<Long, String> values(List<Long> customerIds) {
        InsightIndex.View view = index.current();
        Map<Long, String> out = new HashMap<>();
        for (Long id : customerIds) {
            String key = kind.valueKey.apply(view, id);
            if (key != null) {
                out.put(id, messages.get(key));
            }
        }
        return out;
    }
}
