package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import app.regulars.fx.Milestones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the customer list shows: the matches of the search box (and tag filter, active or
 * archived) in the chosen order, a count, and the bulk actions on selected customers.
 * Every query runs on the task runner; a stale answer (the user typed on) is dropped.
 */
public final class CustomerListViewModel {
    private final CustomerService service;

    /** Whether whoever is signed in may do what only the owner may (decision 0033): the view hides the rest. */
    public boolean owner() {
        return service.session().owner();
    }

    private final TaskRunner runner;
    private final Messages messages;
    private final BirthdayFormat birthdays;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty tagFilter = new SimpleStringProperty(null);
    private final ObjectProperty<ListFilter> filter = new SimpleObjectProperty<>(null);
    private final ObservableList<ListFilter> filters = FXCollections.observableArrayList();
    private final BooleanProperty showArchived = new SimpleBooleanProperty(false);
    /** Runs what follows a page's rows once the view has laid them out (the view's; at once without one). */
    private java.util.function.Consumer<Runnable> afterLayout = Runnable::run;
    /**
     * Rows a typed search reads with its answer: a screen at 1280 x 800 holds 16. The rest of the
     * first page ({@link CustomerRowList#PAGE_SIZE}) is read once they are laid out: the rows on
     * a larger screen's bottom come a moment later, and the answer 8-10 ms sooner at 100,000
     * customers, whose rows H2 reads from cold pages (decision 0046).
     */
    static final int FIRST_SCREEN = 20;
    /** The list's order when it opens. */
    static final CustomerSort FIRST_SORT = CustomerSort.NAME;
    static final boolean FIRST_ASCENDING = true;
    private final ObjectProperty<CustomerSort> sort = new SimpleObjectProperty<>(FIRST_SORT);
    private final BooleanProperty ascending = new SimpleBooleanProperty(FIRST_ASCENDING);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final CustomerRowList rows;
    private final List<ListColumn> columns;
    /** The shop's custom fields: the view shows a column each (decision 0027). */
    private final ObservableList<CustomField> customFields = FXCollections.observableArrayList();
    private final FieldValueFormat fieldFormat;
    private long generation;
    /** The store's write count and the day when the last search started: what {@link #refreshIfChanged} compares. */
    private long searchedAtWrite = -1;
    private java.time.LocalDate searchedOn;
    /** What the last bulk action did, shown with the next count. */
    private String note = "";

    public CustomerListViewModel(CustomerService service, TaskRunner runner, Messages messages) {
        this(service, runner, messages, List.of());
    }

    /** With the columns other features add to the list ({@link ListColumn}). */
    public CustomerListViewModel(CustomerService service, TaskRunner runner, Messages messages, List<ListColumn> columns) {
        this(service, runner, messages, columns, List.of());
    }

    /** With the columns and the filters other features add to the list ({@link ListColumn}, {@link ListFilter}). */
    public CustomerListViewModel(CustomerService service, TaskRunner runner, Messages messages, List<ListColumn> columns,
                                 List<ListFilter> filters) {
        this.columns = List.copyOf(columns);
        this.filters.setAll(filters);
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.birthdays = new BirthdayFormat(messages);
        this.fieldFormat = new FieldValueFormat(messages);
        this.rows = new CustomerRowList(this::loadPage);
        query.addListener((obs, o, n) -> search());
        tagFilter.addListener((obs, o, n) -> search());
        filter.addListener((obs, o, n) -> search());
        showArchived.addListener((obs, o, n) -> search());
        sort.addListener((obs, o, n) -> search());
        ascending.addListener((obs, o, n) -> search());
    }

    private record Offered(List<String> tags, CustomFields fields) {
    }

    /** Runs the search again and reloads the tags in use: at start and after changes to customers. */
    public void refresh() {
        search();
        // One task for what the filters and the columns offer: the tags in use and the custom fields.
        runner.run(() -> new Offered(service.tagsInUse(), service.customFields()), offered -> {
            if (!tags.equals(offered.tags())) {
                tags.setAll(offered.tags());
            }
            if (!customFields.equals(offered.fields().all())) {
                customFields.setAll(offered.fields().all());
            }
        }, e -> error.set(messages.describe(e)));
    }

    /**
     * Back on the list from another page: {@link #refresh} when anything was written to the store
     * since the last search began (a purchase, an edit, an import, the day's jobs), the day has
     * changed, or that search failed; otherwise the rows and the selection stay as they are. At
     * 100,000 customers the list of everyone read its first page and the ids of all of them again
     * each time, and dropped the selection.
     * Changes made on other computers of a shared store come through {@link #refresh} (the
     * window marks the pages stale).
     */
    public void refreshIfChanged() {
        if (searchedAtWrite == service.writeCount() && service.today().equals(searchedOn) && error.get().isEmpty()) {
            return;
        }
        refresh();
    }

    /**
     * Runs the search for what the user typed and chose; one per keystroke, so nothing else.
     * The list of everyone (nothing typed, no tag, no filter: the list as it opens) shows its
     * first page from a query of its own first; the ids of all the customers (100,000 rows read
     * one by one by H2) are read once its rows are laid out, not beside it: on two cores that
     * query took the first page's core (decisions 0036 and 0043).
     */
    private void search() {
        long mine = ++generation;
        searchedAtWrite = service.writeCount();
        searchedOn = service.today();
        String q = query.get();
        String tag = tagFilter.get();
        boolean archived = showArchived.get();
        CustomerSort s = sort.get();
        boolean asc = ascending.get();
        ListFilter within = filter.get();
        busy.set(true);
        boolean everyone = (q == null || q.isBlank()) && (tag == null || tag.isBlank()) && within == null;
        boolean[] firstShown = {false};
        // A typed search reads the rows of its first screen in the same task: they are filled with
        // the answer, without waiting for the table to lay the new rows out and ask for them; the
        // rest of the first page once they are laid out.
        java.util.function.Consumer<Boolean> all = withFirstPage -> runner.run(() -> {
            long[] ids = service.search(q, tag, archived, s, asc, within == null ? null : within.customerIds());
            long[] firstIds = Arrays.copyOf(ids, Math.min(ids.length, FIRST_SCREEN));
            return new Found(ids, firstIds, withFirstPage && firstIds.length > 0 ? texts(service.summaries(firstIds)) : null);
        }, found -> {
            if (mine != generation) {
                return;
            }
            long[] ids = found.ids();
            busy.set(false);
            error.set("");
            if (firstShown[0]) {
                rows.complete(ids);
            } else {
                rows.reset(ids, found.firstPage() != null);
                if (found.firstPage() != null) {
                    showPage(found.firstIds(), 0, found.firstPage(), mine);
                    int shown = found.firstIds().length;
                    long[] rest = Arrays.copyOfRange(ids, shown, Math.max(shown, Math.min(ids.length, CustomerRowList.PAGE_SIZE)));
                    if (rest.length > 0) {
                        afterLayout.accept(() -> {
                            if (mine == generation) {
                                loadPage(rest, shown);
                            }
                        });
                    }
                }
            }
            if (ids.length == 0) {
                afterLayout.accept(() -> Milestones.reach(Milestones.FIRST_ROWS)); // nothing to show is shown too: the day's jobs wait on it
            }
            showCount(ids.length, q, archived, within);
            note = "";
        }, e -> {
            if (mine == generation) {
                busy.set(false);
                error.set(messages.describe(e));
            }
        });
        if (!everyone) {
            all.accept(true);
            return;
        }
        runner.run(() -> {
            CustomerService.FirstPage first = service.firstPage(archived, s, asc, CustomerRowList.PAGE_SIZE);
            return java.util.Map.entry(first, texts(first.rows()));
        }, read -> {
            if (mine != generation) {
                return;
            }
            CustomerService.FirstPage first = read.getKey();
            firstShown[0] = true;
            rows.resetFirstPage(first.ids(), first.total());
            showCount(first.total(), q, archived, null);
            showPage(first.ids(), 0, read.getValue(), mine);
            // All the ids (100,000 read one by one by H2) once the first rows are laid out: beside
            // that layout pass they took its second core and filled the heap (decision 0043).
            afterLayout.accept(() -> {
                if (mine == generation) {
                    all.accept(false);
                }
            });
        }, e -> {
            if (mine == generation) {
                error.set(messages.describe(e));
                all.accept(true);
            }
        });
    }

    /**
     * How the view runs what follows a page's rows once they are laid out on screen: the start's
     * first-rows moment, the search index's build and the other columns then (decision 0037).
     */
    public void afterLayoutBy(java.util.function.Consumer<Runnable> scheduler) {
        this.afterLayout = scheduler;
    }

    /**
     * The list's first page as it opens, to be read ahead of the list (the window's start: {@link
     * CustomerService#readAheadFirstPage}); returns the reading, for the caller's thread to run.
     */
    public static Runnable readAheadFirstPage(CustomerService service) {
        return service.readAheadFirstPage(FIRST_SORT, FIRST_ASCENDING, CustomerRowList.PAGE_SIZE);
    }

    /**
     * The customers an export from the list writes, read off the JavaFX thread: {@code selected}
     * when some are, else every customer of the list as searched and filtered now, in its order.
     */
    long[] idsToExport(List<Long> selected) {
        if (!selected.isEmpty()) {
            return selected.stream().mapToLong(Long::longValue).toArray();
        }
        ListFilter within = filter.get();
        return service.search(query.get(), tagFilter.get(), showArchived.get(), sort.get(), ascending.get(),
                within == null ? null : within.customerIds());
    }

    /** Whether the list shows the archived customers (an export then says who is archived). */
    boolean showingArchived() {
        return showArchived.get();
    }

    CustomerService service() {
        return service;
    }

    private void showCount(int n, String q, boolean archived, ListFilter within) {
        count.set(n);
        // Only a typed search is cut at the limit; with nothing typed the list holds everyone.
        boolean typed = q != null && !q.isBlank();
        String counted = typed && n >= CustomerService.SEARCH_LIMIT
                ? messages.get("customer.list.countCapped", n)
                : messages.get(archived ? "customer.list.countArchived" : "customer.list.count", n);
        if (within != null) {
            counted = messages.get("customer.list.countFiltered", counted, within.label());
        }
        status.set(note.isEmpty() ? counted : note + "  " + counted);
    }


    /**
     * Loads a page of rows, then the texts of the columns other features add in further tasks:
     * the rows never wait for another feature. Quick columns (the tier) come from the workers;
     * slow ones (the insights' columns, which need a snapshot that takes seconds at 100,000
     * customers) from the background lane, behind the day's jobs ({@link ListColumn#slow}).
     */
    private void loadPage(long[] ids, int from) {
        long mine = generation;
        runner.run(() -> texts(service.summaries(ids)), texts -> {
            if (mine == generation) {
                showPage(ids, from, texts, mine);
            }
        }, e -> error.set(messages.describe(e)));
    }

    /** The texts a row's phone, next birthday and custom fields are shown as. */
    private record RowTexts(String phone, String birthday, Map<Long, String> custom) {
    }

    /** A search's answer: the ids of all it found, those of its first page, and that page's rows (null: not read with it). */
    private record Found(long[] ids, long[] firstIds, PageRows firstPage) {
    }

    /** A page's rows as read, with their texts by customer id. */
    private record PageRows(List<CustomerSummary> summaries, Map<Long, RowTexts> texts) {
    }

    /**
     * The texts of these rows, made on the worker that read them (the phone through
     * libphonenumber, the birthday through the lunar calendar): the JavaFX thread only sets them.
     */
    private PageRows texts(List<CustomerSummary> summaries) {
        Map<Long, RowTexts> out = new HashMap<>();
        java.time.LocalDate today = service.today();
        for (CustomerSummary s : summaries) {
            Map<Long, String> custom = new HashMap<>();
            s.fields().forEach((id, v) -> custom.put(id, fieldFormat.text(v)));
            out.put(s.id(), new RowTexts(service.phones().format(s.primaryPhone()), birthdays.next(s.birthday(), today), custom));
        }
        return new PageRows(summaries, out);
    }

    /** Fills a page's rows, then asks for the other features' columns. */
    private void showPage(long[] ids, int from, PageRows page, long mine) {
        List<CustomerSummary> summaries = page.summaries();
        rows.fill(from, summaries, (row, s) -> {
            RowTexts t = page.texts().get(s.id());
            row.fill(s, t.phone(), t.birthday());
            row.fillCustom(t.custom());
        });
        // The rows on screen first: the start's first rows are the frame that draws them, and the
        // search index and the other features' columns take the cores only once it is laid out.
        afterLayout.accept(() -> {
            if (!summaries.isEmpty()) {
                Milestones.reach(Milestones.FIRST_ROWS);
            }
            if (from == 0) {
                service.prepareSearch(); // the first page is shown: now the search index may take the machine
            }
            fillColumns(ids, from, summaries, mine);
        });
    }

    /** Asks the other features' columns for a page's rows: the quick ones on a worker, the slow ones in the background lane. */
    private void fillColumns(long[] ids, int from, List<CustomerSummary> summaries, long mine) {
        if (columns.isEmpty()) {
            return;
        }
        List<Integer> quick = new ArrayList<>();
        List<Integer> slow = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            (columns.get(i).slow() ? slow : quick).add(i);
        }
        if (!quick.isEmpty()) {
            runner.run(() -> extras(ids, quick), extras -> showExtras(from, summaries, mine, extras), e -> error.set(messages.describe(e)));
        }
        if (!slow.isEmpty()) {
            // after the search index's first build: both read the whole store (decision 0048)
            service.afterFirstSearchIndex(() -> runner.runInBackground(() -> extras(ids, slow), extras -> {
                showExtras(from, summaries, mine, extras);
                Milestones.reach(Milestones.SLOW_COLUMNS);
            }, e -> error.set(messages.describe(e))));
        }
    }

    /** The texts of the columns at these positions, by column position. */
    private Map<Integer, Map<Long, String>> extras(long[] ids, List<Integer> which) {
        List<Long> idList = Arrays.stream(ids).boxed().toList();
        Map<Integer, Map<Long, String>> out = new HashMap<>();
        for (int i : which) {
            out.put(i, columns.get(i).values(idList));
        }
        return out;
    }

    private void showExtras(int from, List<CustomerSummary> summaries, long mine, Map<Integer, Map<Long, String>> extras) {
        if (mine == generation) {
            rows.fill(from, summaries, (row, s) -> extras.forEach((column, values) -> row.fillExtra(column, values.getOrDefault(s.id(), ""))));
        }
    }

    /** The shop's custom fields, in order: the view shows a column each, those {@link CustomField#inList} at first. */
    public ObservableList<CustomField> customFields() {
        return customFields;
    }

    /**
     * A filter on a custom field's value (decision 0027) from what the user typed or chose:
     * {@code text} for a text (contained), a choice or a yes/no ({@code "true"}/{@code "false"});
     * {@code from}/{@code to} for a number or a date. A value the field cannot take is a
     * {@code UserException} in the user's language; nothing to look for, {@code customer.custom.filterEmpty}.
     */
    public ListFilter fieldFilter(CustomField field, String text, String from, String to) {
        String label;
        String t = null;
        String lo = null;
        String hi = null;
        switch (field.kind()) {
            case TEXT -> {
                t = text == null ? "" : text.strip();
                if (t.isEmpty()) {
                    throw new app.regulars.i18n.UserException("customer.custom.filterEmpty");
                }
                label = messages.get("customer.custom.filterLabelContains", field.name(), t);
            }
            case CHOICE, YES_NO -> {
                t = field.read(text);
                if (t == null) {
                    throw new app.regulars.i18n.UserException("customer.custom.filterEmpty");
                }
                label = messages.get("customer.custom.filterLabelIs", field.name(), fieldFormat.text(new FieldValue(field.kind(), t)));
            }
            default -> {
                lo = field.read(from);
                hi = field.read(to);
                String a = lo == null ? null : fieldFormat.text(new FieldValue(field.kind(), lo));
                String b = hi == null ? null : fieldFormat.text(new FieldValue(field.kind(), hi));
                if (a == null && b == null) {
                    throw new app.regulars.i18n.UserException("customer.custom.filterEmpty");
                }
                label = a == null ? messages.get("customer.custom.filterLabelTo", field.name(), b)
                        : b == null ? messages.get("customer.custom.filterLabelFrom", field.name(), a)
                        : messages.get("customer.custom.filterLabelRange", field.name(), a, b);
            }
        }
        return new FieldFilter(service, field, t, lo, hi, label);
    }

    /** Narrows the list to a filter the user made; the search typed stays. */
    public void applyFilter(ListFilter f) {
        ListFilter known = filters.stream().filter(x -> x.id().equals(f.id())).findFirst().orElse(null);
        if (known == null) {
            filters.add(f);
            known = f;
        }
        if (filter.get() == known) {
            search();
        } else {
            filter.set(known);
        }
    }

    /** The custom fields changed (the definitions dialog): filters on fields that are gone or changed go, the list reloads. */
    public void customFieldsChanged() {
        ListFilter shown = filter.get();
        filters.removeIf(f -> f instanceof FieldFilter);
        if (shown instanceof FieldFilter) {
            filter.set(null);
        }
        refresh();
    }

    /** The columns other features add, in order; the view shows one column each. */
    public List<ListColumn> extraColumns() {
        return columns;
    }

    /**
     * Shows the customers of {@code f} (a chart's bar) with the search, the tag and the archived
     * switch cleared; of the searches these changes start, only the last one's answer counts.
     * A filter not offered yet is offered from now on.
     */
    public void showFiltered(ListFilter f) {
        ListFilter known = filters.stream().filter(x -> x.id().equals(f.id())).findFirst().orElse(null);
        if (known == null) {
            filters.add(f);
            known = f;
        }
        query.set("");
        tagFilter.set(null);
        showArchived.set(false);
        if (filter.get() == known) {
            search();
        } else {
            filter.set(known);
        }
    }

    public void sortBy(CustomerSort newSort, boolean asc) {
        if (sort.get() == newSort && ascending.get() == asc) {
            return;
        }
        generation++; // one refresh for both changes
        sort.set(newSort);
        ascending.set(asc);
    }

    public void archive(List<Long> ids) {
        bulk(() -> service.archive(ids), "customer.list.archived");
    }

    public void restore(List<Long> ids) {
        bulk(() -> service.restore(ids), "customer.list.restored");
    }

    public void addTag(List<Long> ids, String tag) {
        bulk(() -> service.addTag(ids, tag), "customer.list.tagged", tag);
    }

    public void removeTag(List<Long> ids, String tag) {
        bulk(() -> service.removeTag(ids, tag), "customer.list.untagged", tag);
    }

    private void bulk(java.util.concurrent.Callable<Integer> work, String doneKey, Object... args) {
        busy.set(true);
        runner.run(work, changed -> {
            busy.set(false);
            error.set("");
            Object[] all = new Object[args.length + 1];
            all[0] = changed;
            System.arraycopy(args, 0, all, 1, args.length);
            note = messages.get(doneKey, all);
            refresh();
        }, e -> {
            busy.set(false);
            error.set(messages.describe(e));
        });
    }

    public StringProperty queryProperty() { return query; }
    public StringProperty tagFilterProperty() { return tagFilter; }
    /** The set of customers the list is narrowed to ({@link ListFilter}); null: everyone. */
    public ObjectProperty<ListFilter> filterProperty() { return filter; }
    /** The filters the list offers, in order. */
    public ObservableList<ListFilter> filters() { return filters; }
    public BooleanProperty showArchivedProperty() { return showArchived; }
    public ObjectProperty<CustomerSort> sortProperty() { return sort; }
    public BooleanProperty ascendingProperty() { return ascending; }
    public ReadOnlyIntegerProperty countProperty() { return count.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ObservableList<String> tags() { return tags; }
    public CustomerRowList rows() { return rows; }
}
