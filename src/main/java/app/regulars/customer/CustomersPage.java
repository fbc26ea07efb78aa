package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;

import java.util.List;

/**
 * The customers feature as one page of the shell: the list, a profile, or the edit form,
 * one at a time. Keyboard: Ctrl+F search, Ctrl+N new, Enter opens, Ctrl+E edits,
 * Ctrl+S saves, Esc goes back.
 */
public final class CustomersPage extends StackPane {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination EDIT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    /** How long after the page the profile and the edit form are made (decision 0045). */
    static final javafx.util.Duration VIEWS_MADE_AFTER = javafx.util.Duration.seconds(5);

    private final CustomerListViewModel listVm;
    private final CustomerProfileViewModel profileVm;
    private final CustomerEditorViewModel editorVm;
    private final CustomerListView list;
    /**
     * Made when first shown, not with the shell: with the other features' sections, a good part of
     * the shell's build, on the way to the list's first rows (decision 0045).
     */
    private final app.regulars.feature.Lazy<CustomerProfileView> profile;
    private final app.regulars.feature.Lazy<CustomerEditorView> editor;
    /** The custom fields dialog's (decision 0027). */
    private final CustomFieldsViewModel fieldsVm;
    private final CustomerService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final MergeService merges;
    /** The likely duplicates, made when first shown. */
    private DuplicatesViewModel duplicatesVm;
    private DuplicatesView duplicates;
    /** What else must know that customers changed (the shell's other pages); set by the feature. */
    private Runnable dataChanged = () -> { };
    /** Where an export of customers is saved; null: the system's save dialog (tests set their own). */
    private CustomerExportDialog.Chooser exportChooser;

    /** Asks {@code chooser} instead of the system's save dialog where an export of customers goes (tests). */
    public void setExportChooser(CustomerExportDialog.Chooser chooser) {
        exportChooser = chooser;
    }

    /** Where Esc from the editor returns: the profile it was opened from, or the list. */
    private boolean editorFromProfile;

    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages) {
        this(service, runner, messages, List.of());
    }

    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSection> sections) {
        this(service, runner, messages, sections, List.of());
    }

    /**
     * {@code sections}: what other features show on a profile, as tabs beside the details;
     * {@code columns}: what they add to the list.
     */
    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSection> sections,
                         List<ListColumn> columns) {
        this(service, runner, messages, sections, columns, List.of(), List.of());
    }

    /**
     * With, from other features, {@code summaries}: facts for the row at the top of a profile;
     * {@code filters}: sets of customers the list can be narrowed to.
     */
    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSection> sections,
                         List<ListColumn> columns, List<ProfileSummary> summaries, List<ListFilter> filters) {
        this(service, runner, messages, sections, columns, summaries, filters, null);
    }

    /** With the privacy requests a profile offers ({@code privacy}: null, none). */
    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSection> sections,
                         List<ListColumn> columns, List<ProfileSummary> summaries, List<ListFilter> filters, PrivacyService privacy) {
        this(service, runner, messages, sections, columns, summaries, filters, privacy, null);
    }

    /** With duplicates and merging ({@code merges}: null, none): the list's More menu and Merge…, the duplicates view. */
    public CustomersPage(CustomerService service, TaskRunner runner, Messages messages, List<ProfileSection> sections,
                         List<ListColumn> columns, List<ProfileSummary> summaries, List<ListFilter> filters, PrivacyService privacy,
                         MergeService merges) {
        getStyleClass().add("customers-page");
        listVm = new CustomerListViewModel(service, runner, messages, columns, filters);
        profileVm = new CustomerProfileViewModel(service, runner, messages, summaries);
        editorVm = new CustomerEditorViewModel(service, runner, messages);
        list = new CustomerListView(listVm, messages, this::openProfile, this::createNew);
        profile = new app.regulars.feature.Lazy<>(() -> {
            CustomerProfileView view = new CustomerProfileView(profileVm, messages, this::showList, this::edit, sections);
            if (privacy != null) {
                // An erased customer's profile shows what is left of them; the list loses them.
                view.enablePrivacy(new PrivacyViewModel(privacy, runner, messages), left -> {
                    profileVm.show(left);
                    listVm.refresh();
                });
            }
            return view;
        });
        editor = new app.regulars.feature.Lazy<>(() -> new CustomerEditorView(editorVm, messages, this::saved, this::cancelEdit));
        fieldsVm = new CustomFieldsViewModel(service, runner, messages, listVm::customFieldsChanged);
        list.setOnCustomFields(() -> CustomFieldsDialog.show(list, fieldsVm, messages));
        list.setOnExport(() -> CustomerExportDialog.open(app.regulars.fx.Windows.windowOf(list), listVm, list.selectedIds(), runner,
                messages, exportChooser != null ? exportChooser : CustomerExportDialog.fileChooser(messages)));
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.merges = merges;
        if (merges != null) {
            list.enableMerging(this::showDuplicates, ids -> openMerge(ids, m -> openProfile(m.kept().id())));
            profileVm.showMerges(merges);
        }
        getChildren().setAll(list);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        listVm.refresh();
        // Made some seconds after the list, once its first rows are on screen, rather than when the
        // first customer is opened (0.5 s then at 100,000 customers, against 75 ms for the next):
        // one after the other, so that a keystroke in between waits for one at most.
        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(VIEWS_MADE_AFTER);
        later.setOnFinished(e -> laidOutAhead(profile.get(), () -> javafx.application.Platform.runLater(editor::get)));
        later.play();
    }

    /**
     * Gives {@code view} its styles and layout once, unseen behind the list (transparent, for one
     * pulse), then {@code then}: the first customer opened then finds its skins made and its
     * styles matched. Left as it is when the page shows anything else meanwhile.
     */
    private void laidOutAhead(javafx.scene.Node view, Runnable then) {
        javafx.scene.Scene scene = getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing() || getChildren().size() != 1 || getChildren().getFirst() != list) {
            then.run();
            return;
        }
        view.setOpacity(0);
        view.setMouseTransparent(true);
        getChildren().addFirst(view);
        app.regulars.fx.Windows.afterNextLayout(this, () -> javafx.application.Platform.runLater(() -> { // the children changed outside the pulse
            view.setOpacity(1);
            view.setMouseTransparent(false);
            if (getChildren().size() > 1) {
                getChildren().remove(view);
            }
            then.run();
        }));
    }

    private void onKey(KeyEvent e) {
        Node shown = getChildren().getFirst();
        if (FIND.match(e)) {
            showList();
            list.focusSearch();
            e.consume();
        } else if (NEW.match(e)) {
            createNew();
            e.consume();
        } else if (SAVE.match(e) && shown instanceof CustomerEditorView) {
            editorVm.save(this::saved);
            e.consume();
        } else if (EDIT.match(e) && shown instanceof CustomerProfileView && profileVm.customerProperty().get() != null) {
            edit(profileVm.customerProperty().get());
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            if (shown instanceof CustomerEditorView) {
                cancelEdit();
                e.consume();
            } else if (shown instanceof CustomerProfileView || shown == duplicates) {
                showList();
                e.consume();
            }
        }
    }

    /** Shows "Import…" over the list: {@code open} opens the import window for customers. */
    public void enableImport(Runnable open) {
        list.addImport(open);
    }

    /** Lets Ctrl+F and Ctrl+N work wherever the focus is in the window. */
    public void installShortcuts(Scene scene) {
        installShortcuts(scene, () -> { });
    }

    /** As {@link #installShortcuts(Scene)}, first running {@code showPage}, which brings this page on screen from any other. */
    public void installShortcuts(Scene scene, Runnable showPage) {
        scene.getAccelerators().put(FIND, () -> {
            showPage.run();
            showList();
            list.focusSearch();
        });
        scene.getAccelerators().put(NEW, () -> {
            showPage.run();
            createNew();
        });
    }

    public void showList() {
        getChildren().setAll(list);
        list.table().requestFocus();
    }

    /** Shows the list narrowed to {@code filter} (see {@link CustomerListLink}). */
    public void showFiltered(ListFilter filter) {
        listVm.showFiltered(filter);
        showList();
    }

    /** Shows the likely duplicates, looking for them the first time (decision 0025). */
    public void showDuplicates() {
        if (merges == null) {
            return;
        }
        if (duplicates == null) {
            duplicatesVm = new DuplicatesViewModel(merges, service, runner, messages);
            duplicates = new DuplicatesView(duplicatesVm, messages, this::showList,
                    pair -> openMerge(DuplicatesViewModel.ids(pair), m -> { }));
        }
        getChildren().setAll(duplicates);
        duplicates.table().requestFocus();
        duplicatesVm.findOnce();
    }

    /**
     * Opens the merge dialog for these customers (the first kept at first); after a merge the list
     * and the duplicates follow, then {@code then} gets what it did.
     */
    public void openMerge(List<Long> ids, java.util.function.Consumer<MergeService.Merged> then) {
        if (merges == null || ids.size() < 2) {
            return;
        }
        MergeViewModel vm = new MergeViewModel(merges, service, runner, messages);
        vm.load(ids);
        new MergeDialog(vm, messages, app.regulars.fx.Windows.windowOf(this), m -> {
            java.util.List<Long> removed = ids.stream().filter(id -> !id.equals(m.kept().id())).toList();
            if (duplicatesVm != null) {
                duplicatesVm.merged(m, removed);
            }
            listVm.refresh();
            dataChanged.run();
            then.accept(m);
        }).show();
    }

    /** What runs after a merge besides this page's own refresh (the shell's other pages). */
    public void setDataChanged(Runnable dataChanged) {
        this.dataChanged = dataChanged;
    }

    public void openProfile(long id) {
        CustomerProfileView view = profile.get(); // before the load: it listens to the customer shown
        profileVm.load(id);
        getChildren().setAll(view);
        view.requestFocus();
    }

    public void createNew() {
        CustomerEditorView view = editor.get();
        editorVm.startNew();
        editorFromProfile = false;
        getChildren().setAll(view);
        view.focusFirstField();
    }

    private void edit(Customer c) {
        CustomerEditorView view = editor.get();
        editorVm.edit(c);
        editorFromProfile = true;
        getChildren().setAll(view);
        view.focusFirstField();
    }

    private void saved(Customer c) {
        CustomerProfileView view = profile.get();
        profileVm.show(c);
        getChildren().setAll(view);
        view.requestFocus();
        listVm.refresh();
    }

    private void cancelEdit() {
        if (editorFromProfile) {
            CustomerProfileView view = profile.get();
            getChildren().setAll(view);
            view.requestFocus();
        } else {
            showList();
        }
    }

    public void refresh() {
        listVm.refresh();
    }

    /** Back from another page: the list reads again only what changed ({@link CustomerListViewModel#refreshIfChanged}). */
    public void shownAgain() {
        listVm.refreshIfChanged();
    }

    public CustomerListViewModel listViewModel() { return listVm; }
    public CustomerListView listView() { return list; }
    /** The profile's view (made now if it was not). */
    public CustomerProfileView profileView() { return profile.get(); }
    /** The edit form's view (made now if it was not). */
    public CustomerEditorView editorView() { return editor.get(); }
    /** The duplicates view once shown (null before). */
    public DuplicatesView duplicatesView() { return duplicates; }
}
