package app.regulars.insight;

import app.regulars.store.Settings;


/**
 * Today's insights by customer, for what asks about a few customers at a time (a profile's
 * summary row, a page of the customer list, a visit brief, a list filter). The snapshot is
 * {@link InsightService}'s, computed once per change of the data or the settings, its customers
 * by id ({@link InsightTable}); this adds the ids of the prospects, read once per snapshot.
 */
final class InsightIndex {
    private final InsightService service;
    private final Settings settings;
    /** The ids of the active customers at {@link #activeWrites} writes; the snapshot itself is the service's to keep. */
    private long[] active;
    private long activeWrites = -1;
    /** The saved settings as of {@link #settingsVersion}: each page of the customer list asks for them, for each of its columns. */
    private InsightSettings loaded;
    private long settingsVersion = -1;

    InsightIndex(InsightService service, Settings settings) {
        this.service = service;
        this.settings = settings;
    }

    /**
     * Today's insights under the saved settings. {@code active}: the ids of the customers who are
     * not archived, those without a purchase (prospects) included, sorted.
     */
    record View(InsightSnapshot snapshot, long[] active) {
        /** The customer's insight; null without a purchase, or when archived. */
        CustomerInsight of(long customerId) {
            return snapshot.of(customerId);
        }

        /** The customer's stage: prospect without a purchase; null when archived or unknown. */
        Lifecycle stage(long customerId) {
            CustomerInsight c = snapshot.of(customerId);
            return c != null ? c.lifecycle() : java.util.Arrays.binarySearch(active, customerId) >= 0 ? Lifecycle.PROSPECT : null;
        }

        InsightSettings settings() {
            return snapshot.settings();
        }
    }

    /**
     * The view of today's snapshot; computes it when the data or the settings changed (off the
     * JavaFX thread). Keeps no snapshot of its own: one kept here stayed in memory beside the
     * service's newer one until the next question (7.5 MB at 100,000 customers).
     */
    synchronized View current() {
        InsightSnapshot s = service.snapshot(service.today(), settings());
        if (active == null || activeWrites != s.writeCount()) {
            active = service.activeCustomerIds();
            activeWrites = s.writeCount();
        }
        return new View(s, active);
    }

    /**
     * The saved settings, read again only after a write of the settings: a read is 17 queries
     * (at 100,000 customers some 70 MB of garbage over a minute of scrolling the list, its four
     * insight columns asking for each page).
     */
    private InsightSettings settings() {
        long version = settings.version(); // before the read: a write during it makes the next call read again
        if (loaded == null || version != settingsVersion) {
            loaded = InsightSettings.load(settings);
            settingsVersion = version;
        }
        return loaded;
    }
}
