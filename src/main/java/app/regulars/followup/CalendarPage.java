package app.regulars.followup;

import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.tables.Table;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The calendar: month, week and day views and an agenda, with today's and overdue follow-ups
 * on the left. Double-click a day or an hour to plan a follow-up there; drag an entry to
 * another day or hour to move it (its history keeps the old time); click an entry to edit it.
 * Keyboard: Alt+Left/Right previous/next period, Alt+Home today, Insert (or Alt+N) new follow-up, Enter
 * on a list entry edits it, Ctrl+D marks it done.
 *
 * <p>The page holds the toolbar and today's list; the views are {@link MonthView},
 * {@link TimeGridView} and {@link AgendaView}, their entries come from {@link CalendarEntries}.
 */
public final class CalendarPage extends BorderPane {
    private final CalendarViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final CalendarEntries entries;
    private final StackPane content = new StackPane();
    private final Label period = new Label();
    private final ListView<FollowUp> todayList = new ListView<>();
    private final AgendaView agenda;
    private final HBox filters = new HBox(8);
    private final Label status = new Label();
    private CalendarExports exports;
    private AutoSettingsViewModel autoSettings;

    /** With {@code reports}, the page can print and export its list and the day's visit briefs. */
    public CalendarPage(CalendarViewModel vm, Messages messages, FollowUpReports reports, TaskRunner runner) {
        this(vm, messages);
        this.exports = new CalendarExports(vm, messages, reports, runner, this, status::setText);
        status.setId("calendarMessage");
        status.getStyleClass().add("muted");
        addToolbarItems(status, button("calendarPrint", "followup.calendar.print", exports::print),
                button("calendarExport", "followup.calendar.export", exports::export),
                button("calendarBriefs", "followup.calendar.briefs", exports::exportBriefs));
    }

    public CalendarPage(CalendarViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.formats = new Formats(messages);
        this.entries = new CalendarEntries(vm, messages, this);
        this.agenda = new AgendaView(messages, entries);
        setId("calendarPage");
        getStyleClass().add("calendar-page");
        setTop(toolbar());
        setLeft(todayPanel());
        content.getStyleClass().add("calendar-content");
        setCenter(content);
        vm.onLoaded(this::redraw);
        setOnKeyPressed(e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.LEFT) {
                vm.previous();
            } else if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
                vm.next();
            } else if (e.isAltDown() && e.getCode() == KeyCode.HOME) {
                vm.goToday();
            } else if (e.getCode() == KeyCode.INSERT) {
                entries.create(vm.getAnchor().atTime(10, 0));
            } else {
                return;
            }
            e.consume();
        });
    }

    public CalendarViewModel viewModel() {
        return vm;
    }

    public Label status() {
        return status;
    }

    /** Adds the "Automatic…" button: the settings of the automatic follow-ups, saved and generated at once. */
    public void enableAutoSettings(AutoSettingsViewModel settings) {
        this.autoSettings = settings;
        filters.getChildren().add(button("calendarAuto", "followup.auto.button", this::openAutoSettings));
    }

    /** Opens the settings window of the automatic follow-ups. */
    public Stage openAutoSettings() {
        return AutoSettingsWindow.open(Windows.windowOf(this), autoSettings, messages, vm::load);
    }

    /** The list of what the view shows (whole period, current filter). */
    public Table table() {
        return exports.table();
    }

    /** Exports the shown list to {@code file}, the format by its extension (pdf when none). */
    public void exportTo(Path file) {
        exports.exportTo(file);
    }

    /** Writes the visit briefs of {@code day}'s planned visits as one PDF. */
    public void exportBriefsTo(LocalDate day, Path file) {
        exports.exportBriefsTo(day, file);
    }

    /** Moves follow-up {@code id} to {@code day} (keeping its time) or to {@code day} at {@code hour} (null hour in a time grid = all-day). */
    public void moveTo(long id, LocalDate day, Integer hour) {
        vm.moveTo(id, day, hour);
    }

    /** Adds buttons (print, export) at the end of the filter row. */
    public void addToolbarItems(Node... nodes) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        filters.getChildren().add(grow);
        filters.getChildren().addAll(nodes);
    }

    private Button button(String id, String key, Runnable action) {
        Button b = new Button(messages.get(key));
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node toolbar() {
        Button today = new Button(messages.get("followup.calendar.today"));
        today.setId("calendarToday");
        today.setOnAction(e -> vm.goToday());
        Button prev = new Button("‹");
        prev.setId("calendarPrevious");
        prev.setOnAction(e -> vm.previous());
        Button next = new Button("›");
        next.setId("calendarNext");
        next.setOnAction(e -> vm.next());
        period.setId("calendarPeriod");
        period.getStyleClass().add("calendar-period");
        period.setMinWidth(200);

        ToggleGroup modes = new ToggleGroup();
        HBox modeBox = new HBox();
        modeBox.getStyleClass().add("calendar-modes");
        for (CalendarViewModel.Mode m : CalendarViewModel.Mode.values()) {
            ToggleButton b = new ToggleButton(messages.get("followup.calendar.mode." + m.name()));
            b.setId("calendarMode" + m.name());
            b.setToggleGroup(modes);
            b.setSelected(vm.getMode() == m);
            b.setOnAction(e -> {
                vm.modeProperty().set(m);
                b.setSelected(true);
            });
            vm.modeProperty().addListener((o, a, n) -> b.setSelected(n == m));
            modeBox.getChildren().add(b);
        }

        ComboBox<FollowUpKind> kind = filterBox("calendarKind", List.of(FollowUpKind.values()), "followup.calendar.allKinds",
                k -> messages.get("followup.kind." + k.name()));
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        ComboBox<FollowUpStatus> status = filterBox("calendarStatus", List.of(FollowUpStatus.values()), "followup.calendar.allStatuses",
                s -> messages.get("followup.status." + s.name()));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        ComboBox<String> owner = filterBox("calendarOwner", List.of(), "followup.calendar.allOwners", s -> s);
        vm.owners().addListener((ListChangeListener<String>) c -> refill(owner, vm.owners()));
        owner.valueProperty().bindBidirectional(vm.ownerProperty());
        ComboBox<String> tag = filterBox("calendarTag", List.of(), "followup.calendar.allTags", s -> s);
        vm.tags().addListener((ListChangeListener<String>) c -> refill(tag, vm.tags()));
        tag.valueProperty().bindBidirectional(vm.tagProperty());

        Button create = button("calendarNew", "followup.calendar.new", () -> entries.create(vm.getAnchor().atTime(10, 0)));

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, today, prev, next, period, grow, modeBox, create);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label filterLabel = new Label(messages.get("followup.calendar.filter"));
        filterLabel.getStyleClass().add("field-label");
        filters.getChildren().addAll(filterLabel, kind, status, owner, tag);
        filters.setAlignment(Pos.CENTER_LEFT);
        for (HBox b : List.of(bar, filters)) {
            for (Node n : b.getChildren()) {
                if (n instanceof Region r && !(n == grow)) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
        }
        for (Node n : modeBox.getChildren()) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox top = new VBox(8, bar, filters);
        top.getStyleClass().add("page-toolbar");
        top.setPadding(new Insets(10, 12, 10, 12));
        return top;
    }

    private static <T> void refill(ComboBox<T> box, List<T> values) {
        T keep = box.getValue();
        List<T> all = new ArrayList<>();
        all.add(null);
        all.addAll(values);
        box.getItems().setAll(all);
        box.setValue(keep);
    }

    /** A filter's choices: null first (shown as {@code allKey}), then {@code values}. */
    private <T> ComboBox<T> filterBox(String id, List<T> values, String allKey, Function<T, String> label) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        List<T> all = new ArrayList<>();
        all.add(null);
        all.addAll(values);
        box.getItems().setAll(all);
        String allText = messages.get(allKey);
        box.setPromptText(allText);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? allText : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty ? null : (t == null ? allText : label.apply(t)));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        return box;
    }

    private Node todayPanel() {
        Label title = new Label(messages.get("followup.calendar.todayPanel"));
        title.getStyleClass().add("section-title");
        todayList.setId("calendarTodayList");
        todayList.getStyleClass().add("wrapping-list"); // its entries are read whole, never cut off
        todayList.setPlaceholder(new Label(messages.get("followup.calendar.nothingDue")));
        todayList.setItems(vm.todays());
        todayList.setCellFactory(l -> new TodayCell());
        entries.listKeys(todayList, f -> f);
        VBox.setVgrow(todayList, Priority.ALWAYS);
        Label more = new Label(messages.get("followup.calendar.moreDue", CalendarViewModel.TODAY_LISTED));
        more.setId("calendarMoreDue");
        more.setWrapText(true);
        more.visibleProperty().bind(vm.moreDueProperty());
        more.managedProperty().bind(more.visibleProperty());
        VBox box = new VBox(8, title, more, todayList);
        box.getStyleClass().add("calendar-today-panel");
        box.setPadding(new Insets(10));
        box.setPrefWidth(250);
        return box;
    }

    /** Redraws the current view from the view model's items. */
    public void redraw() {
        LocalDate start = vm.start();
        LocalDate end = vm.end();
        period.setText(switch (vm.getMode()) {
            case MONTH -> messages.get("followup.calendar.monthTitle", vm.getAnchor().getYear(), vm.getAnchor().getMonthValue(),
                    vm.getAnchor().getMonth().getDisplayName(TextStyle.FULL_STANDALONE, messages.locale()));
            case DAY -> formats.date(start) + " " + start.getDayOfWeek().getDisplayName(TextStyle.FULL, messages.locale());
            case WEEK, AGENDA -> formats.date(start) + " – " + formats.date(end.minusDays(1));
        });
        Node view = switch (vm.getMode()) {
            case MONTH -> new MonthView(vm, messages, entries);
            case WEEK -> new TimeGridView(vm, messages, entries, 7);
            case DAY -> new TimeGridView(vm, messages, entries, 1);
            case AGENDA -> {
                agenda.show(vm.agendaRows());
                yield agenda;
            }
        };
        content.getChildren().setAll(view);
    }

    /** An entry of today's list: with its date when it is not today's (an overdue one). */
    private final class TodayCell extends ListCell<FollowUp> {
        @Override
        protected void updateItem(FollowUp f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                return;
            }
            Label l = entries.entry(f, false);
            if (!f.dueAt().toLocalDate().equals(vm.today())) {
                l.setText(formats.date(f.dueAt().toLocalDate()) + " " + l.getText());
            }
            l.setWrapText(true);
            // As wide as the list leaves room for (its padding and a vertical scroll bar), never
            // wider: a fixed width made the list scroll sideways.
            l.setMinWidth(0);
            l.prefWidthProperty().bind(getListView().widthProperty().subtract(34));
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // every line of it, not two and "…"
            setGraphic(l);
            setContextMenu(entries.statusMenu(f));
        }
    }
}
