package app.regulars.followup;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The calendar: month, week and day views and an agenda, with today's and overdue follow-ups
 * on the left. Double-click a day or an hour to plan a follow-up there; drag an entry to
 * another day or hour to move it (its history keeps the old time); click an entry to edit it.
 * Keyboard: Alt+Left/Right previous/next period, Alt+Home today, Insert (or Alt+N) new follow-up, Enter
 * on a list entry edits it, Ctrl+D marks it done.
 */
public final class CalendarPage extends BorderPane {
    public static final int FIRST_HOUR = 8;
    public static final int LAST_HOUR = 20;

    private final CalendarViewModel vm;
    private final Messages messages;
    private final Formats formats;
    private final StackPane content = new StackPane();
    private final Label period = new Label();
    private final ListView<FollowUp> todayList = new ListView<>();
    private final ListView<AgendaRow> agenda = new ListView<>();
    private final HBox filters = new HBox(8);
    private Consumer<CalendarPage> extraActions = p -> { };

    /** A row of the agenda: a day's header, or one follow-up. */
    public record AgendaRow(LocalDate day, FollowUp item) {
    }

    private final Label status = new Label();
    private FollowUpReports reports;
    private app.regulars.fx.TaskRunner runner;

    /** With {@code reports}, the page can print and export its list and the day's visit briefs. */
    public CalendarPage(CalendarViewModel vm, Messages messages, FollowUpReports reports, app.regulars.fx.TaskRunner runner) {
        this(vm, messages);
        this.reports = reports;
        this.runner = runner;
        Button print = new Button(messages.get("followup.calendar.print"));
        print.setId("calendarPrint");
        print.setMnemonicParsing(true);
        print.setOnAction(e -> print());
        Button export = new Button(messages.get("followup.calendar.export"));
        export.setId("calendarExport");
        export.setMnemonicParsing(true);
        export.setOnAction(e -> export());
        Button briefs = new Button(messages.get("followup.calendar.briefs"));
        briefs.setId("calendarBriefs");
        briefs.setMnemonicParsing(true);
        briefs.setOnAction(e -> exportBriefs());
        status.setId("calendarMessage");
        status.getStyleClass().add("muted");
        addToolbarItems(status, print, export, briefs);
    }

    private AutoSettingsViewModel autoSettings;

    /** Adds the "Automatic…" button: the settings of the automatic follow-ups, saved and generated at once. */
    public void enableAutoSettings(AutoSettingsViewModel settings) {
        this.autoSettings = settings;
        Button auto = new Button(messages.get("followup.auto.button"));
        auto.setId("calendarAuto");
        auto.setMnemonicParsing(true);
        auto.setOnAction(e -> openAutoSettings());
        filters.getChildren().add(auto);
    }

    /** Opens the settings window of the automatic follow-ups. */
    public javafx.stage.Stage openAutoSettings() {
        AutoSettingsViewModel s = autoSettings;
        s.load();
        javafx.stage.Stage stage = new javafx.stage.Stage();
        if (window() != null) {
            stage.initOwner(window());
        }
        stage.setTitle(messages.get("followup.auto.title"));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(16));
        String[][] rows = {{"followup.auto.birthdayDays", "autoBirthday"}, {"followup.auto.holidayDays", "autoHoliday"},
                {"followup.auto.horizonDays", "autoHorizon"}, {"followup.auto.defaultCadence", "autoCadence"}, {"followup.auto.rules", "autoRules"}};
        List<javafx.beans.property.StringProperty> props = List.of(s.birthdayDaysProperty(), s.holidayDaysProperty(), s.horizonDaysProperty(), s.defaultCadenceProperty(), s.rulesProperty());
        for (int i = 0; i < rows.length; i++) {
            javafx.scene.control.TextField f = new javafx.scene.control.TextField();
            f.setId(rows[i][1]);
            f.textProperty().bindBidirectional(props.get(i));
            f.setPrefColumnCount(i == 4 ? 24 : 5);
            Label l = new Label(messages.get(rows[i][0]));
            l.setLabelFor(f);
            l.setWrapText(true);
            l.setMaxWidth(300);
            grid.addRow(i, l, f);
        }
        Label help = new Label(messages.get("followup.auto.help"));
        help.setWrapText(true);
        help.setMaxWidth(520);
        help.getStyleClass().add("muted");
        grid.add(help, 0, rows.length, 2, 1);
        Label msg = new Label();
        msg.setId("autoMessage");
        msg.setWrapText(true);
        msg.setMaxWidth(520);
        msg.textProperty().bind(s.messageProperty());
        grid.add(msg, 0, rows.length + 1, 2, 1);
        Button go = new Button(messages.get("followup.auto.generate"));
        go.setId("autoGenerate");
        go.setDefaultButton(true);
        go.setOnAction(e -> s.saveAndGenerate(r -> vm.load()));
        Button close = new Button(messages.get("followup.auto.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, go, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        grid.add(buttons, 0, rows.length + 2, 2, 1);
        Scene scene = new Scene(grid);
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The list of what the view shows (whole period, current filter). */
    public app.regulars.tables.Table table() {
        return reports.list(vm.start(), vm.end().minusDays(1), vm.filter());
    }

    private void print() {
        runner.run(this::table, t -> new app.regulars.fx.TablePrinter(messages).print(t, window(), runner, status::setText),
                e -> status.setText(messages.describe(e)));
    }

    private void export() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(messages.get("followup.calendar.export").replace("_", ""));
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("PDF", "*.pdf"),
                new javafx.stage.FileChooser.ExtensionFilter("Excel", "*.xlsx"),
                new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(messages.get("followup.list.heading") + "-" + vm.start() + ".pdf");
        java.io.File file = chooser.showSaveDialog(window());
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    /** Exports the shown list to {@code file}, the format by its extension (pdf when none). */
    public void exportTo(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        runner.run(() -> {
            app.regulars.tables.TableExport.Format f = app.regulars.tables.TableExport.Format.parse(dot < 0 ? "pdf" : name.substring(dot + 1));
            new app.regulars.tables.TableExport(messages).write(table(), f, file);
            return file;
        }, p -> status.setText(messages.get("followup.calendar.exported", p.toString())), e -> status.setText(messages.describe(e)));
    }

    private void exportBriefs() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName(messages.get("followup.brief.heading") + "-" + vm.anchorProperty().get() + ".pdf");
        java.io.File file = chooser.showSaveDialog(window());
        if (file != null) {
            exportBriefsTo(vm.anchorProperty().get(), file.toPath());
        }
    }

    /** Writes the visit briefs of {@code day}'s planned visits as one PDF. */
    public void exportBriefsTo(LocalDate day, java.nio.file.Path file) {
        runner.run(() -> {
            List<FollowUpReports.Brief> briefs = reports.visitsOn(day).stream().map(reports::brief).toList();
            reports.writeBriefs(briefs, app.regulars.tables.TableLayout.Paper.forCountry(
                    java.util.Locale.getDefault(java.util.Locale.Category.FORMAT).getCountry()), file);
            return file;
        }, p -> status.setText(messages.get("followup.calendar.exported", p.toString())), e -> status.setText(messages.describe(e)));
    }

    public Label status() {
        return status;
    }

    public CalendarPage(CalendarViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.formats = new Formats(messages);
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
                create(vm.anchorProperty().get().atTime(10, 0));
            } else {
                return;
            }
            e.consume();
        });
    }

    public CalendarViewModel viewModel() {
        return vm;
    }

    /** Adds buttons (print, export) at the end of the filter row. */
    public void addToolbarItems(Node... nodes) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        filters.getChildren().add(grow);
        filters.getChildren().addAll(nodes);
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
            b.setSelected(vm.modeProperty().get() == m);
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
        vm.owners().addListener((javafx.collections.ListChangeListener<String>) c -> refill(owner, vm.owners()));
        owner.valueProperty().bindBidirectional(vm.ownerProperty());
        ComboBox<String> tag = filterBox("calendarTag", List.of(), "followup.calendar.allTags", s -> s);
        vm.tags().addListener((javafx.collections.ListChangeListener<String>) c -> refill(tag, vm.tags()));
        tag.valueProperty().bindBidirectional(vm.tagProperty());

        Button create = new Button(messages.get("followup.calendar.new"));
        create.setId("calendarNew");
        create.setMnemonicParsing(true);
        create.setOnAction(e -> create(vm.anchorProperty().get().atTime(10, 0)));

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

    private <T> ComboBox<T> filterBox(String id, List<T> values, String allKey, java.util.function.Function<T, String> label) {
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
        todayList.setPlaceholder(new Label(messages.get("followup.calendar.nothingDue")));
        todayList.setCellFactory(l -> new EntryCell(true));
        listKeys(todayList, f -> f);
        VBox.setVgrow(todayList, Priority.ALWAYS);
        VBox box = new VBox(8, title, todayList);
        box.getStyleClass().add("calendar-today-panel");
        box.setPadding(new Insets(10));
        box.setPrefWidth(250);
        return box;
    }

    private <T> void listKeys(ListView<T> list, java.util.function.Function<T, FollowUp> item) {
        list.setOnKeyPressed(e -> {
            T sel = list.getSelectionModel().getSelectedItem();
            FollowUp f = sel == null ? null : item.apply(sel);
            if (f == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                edit(f);
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN).match(e)) {
                vm.setStatus(f, FollowUpStatus.DONE);
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            T sel = list.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && sel != null && item.apply(sel) != null) {
                edit(item.apply(sel));
            }
        });
    }

    /** Redraws the current view from the view model's items. */
    public void redraw() {
        LocalDate start = vm.start();
        LocalDate end = vm.end();
        period.setText(switch (vm.modeProperty().get()) {
            case MONTH -> messages.get("followup.calendar.monthTitle", vm.anchorProperty().get().getYear(), vm.anchorProperty().get().getMonthValue());
            case DAY -> formats.date(start) + " " + start.getDayOfWeek().getDisplayName(TextStyle.FULL, messages.locale());
            case WEEK, AGENDA -> formats.date(start) + " – " + formats.date(end.minusDays(1));
        });
        LocalDate today = vm.today();
        List<FollowUp> todays = new ArrayList<>(vm.overdue());
        for (FollowUp f : vm.items()) {
            if (f.dueAt().toLocalDate().equals(today) && f.status() == FollowUpStatus.PLANNED && !todays.contains(f)) {
                todays.add(f);
            }
        }
        todayList.getItems().setAll(todays);
        Node view = switch (vm.modeProperty().get()) {
            case MONTH -> month(start);
            case WEEK -> timeGrid(start, 7);
            case DAY -> timeGrid(start, 1);
            case AGENDA -> agenda(start, end);
        };
        content.getChildren().setAll(view);
    }

    // ---- month ----

    private Node month(LocalDate start) {
        GridPane grid = new GridPane();
        grid.setId("calendarMonth");
        grid.getStyleClass().add("calendar-month");
        for (int c = 0; c < 7; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 7);
            grid.getColumnConstraints().add(cc);
            Label head = new Label(DayOfWeek.of(c + 1).getDisplayName(TextStyle.SHORT, messages.locale()));
            head.getStyleClass().add("calendar-weekday");
            head.setMaxWidth(Double.MAX_VALUE);
            grid.add(head, c, 0);
        }
        grid.getRowConstraints().add(new RowConstraints());
        for (int r = 0; r < 6; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(100.0 / 6.3);
            grid.getRowConstraints().add(rc);
        }
        int month = vm.anchorProperty().get().getMonthValue();
        for (int i = 0; i < 42; i++) {
            LocalDate day = start.plusDays(i);
            VBox cell = new VBox(2);
            cell.getStyleClass().add("calendar-day");
            cell.setId("day-" + day);
            if (day.getMonthValue() != month) {
                cell.getStyleClass().add("calendar-other-month");
            }
            if (day.equals(vm.today())) {
                cell.getStyleClass().add("calendar-today");
            }
            Label number = new Label(Integer.toString(day.getDayOfMonth()));
            number.getStyleClass().add("calendar-day-number");
            cell.getChildren().add(number);
            List<FollowUp> onDay = vm.items().stream().filter(f -> f.dueAt().toLocalDate().equals(day)).toList();
            for (FollowUp f : onDay) {
                cell.getChildren().add(entry(f, true));
            }
            int total = vm.counts().getOrDefault(day, onDay.size());
            if (total > onDay.size()) {
                Label more = new Label(messages.get("followup.calendar.more", total - onDay.size()));
                more.getStyleClass().add("calendar-more");
                more.setOnMouseClicked(e -> {
                    vm.anchorProperty().set(day);
                    vm.modeProperty().set(CalendarViewModel.Mode.DAY);
                    e.consume();
                });
                cell.getChildren().add(more);
            }
            cell.setMinHeight(0);
            cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            dropTarget(cell, day, null);
            cell.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    create(day.atStartOfDay());
                }
            });
            grid.add(cell, i % 7, 1 + i / 7);
        }
        return grid;
    }

    // ---- week and day ----

    private Node timeGrid(LocalDate start, int days) {
        GridPane grid = new GridPane();
        grid.setId(days == 1 ? "calendarDay" : "calendarWeek");
        grid.getStyleClass().add("calendar-grid");
        ColumnConstraints timeCol = new ColumnConstraints();
        timeCol.setPercentWidth(6);
        grid.getColumnConstraints().add(timeCol);
        for (int c = 0; c < days; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setPercentWidth((100.0 - 6) / days);
            grid.getColumnConstraints().add(cc);
            LocalDate day = start.plusDays(c);
            Label head = new Label(day.getDayOfWeek().getDisplayName(TextStyle.SHORT, messages.locale()) + " " + formats.monthDay(day));
            head.getStyleClass().add("calendar-weekday");
            if (day.equals(vm.today())) {
                head.getStyleClass().add("calendar-today");
            }
            head.setMaxWidth(Double.MAX_VALUE);
            grid.add(head, c + 1, 0);
        }
        Label allDay = new Label(messages.get("followup.calendar.allDay"));
        allDay.getStyleClass().add("calendar-hour");
        grid.add(allDay, 0, 1);
        for (int h = FIRST_HOUR; h <= LAST_HOUR; h++) {
            Label hour = new Label(String.format("%02d:00", h));
            hour.getStyleClass().add("calendar-hour");
            grid.add(hour, 0, 2 + h - FIRST_HOUR);
        }
        for (int c = 0; c < days; c++) {
            LocalDate day = start.plusDays(c);
            for (int row = 1; row <= 2 + LAST_HOUR - FIRST_HOUR; row++) {
                Integer hour = row == 1 ? null : FIRST_HOUR + row - 2;
                List<FollowUp> here = vm.items().stream()
                        .filter(f -> f.dueAt().toLocalDate().equals(day))
                        .filter(f -> hour == null ? f.allDay() : !f.allDay() && slotHour(f) == hour)
                        .toList();
                VBox cell = new VBox(2);
                cell.getStyleClass().add("calendar-slot");
                cell.setId("slot-" + day + "-" + (hour == null ? "all" : hour));
                int shown = Math.min(here.size(), days == 1 ? 8 : 3);
                for (int i = 0; i < shown; i++) {
                    cell.getChildren().add(entry(here.get(i), days > 1));
                }
                if (here.size() > shown) {
                    Label more = new Label(messages.get("followup.calendar.more", here.size() - shown));
                    more.getStyleClass().add("calendar-more");
                    more.setOnMouseClicked(e -> {
                        vm.anchorProperty().set(day);
                        vm.modeProperty().set(CalendarViewModel.Mode.AGENDA);
                        e.consume();
                    });
                    cell.getChildren().add(more);
                }
                cell.setMinHeight(34);
                cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                dropTarget(cell, day, hour);
                cell.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                        create(hour == null ? day.atStartOfDay() : day.atTime(hour, 0));
                    }
                });
                grid.add(cell, c + 1, row);
            }
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static int slotHour(FollowUp f) {
        return Math.max(FIRST_HOUR, Math.min(LAST_HOUR, f.dueAt().getHour()));
    }

    // ---- agenda ----

    private Node agenda(LocalDate start, LocalDate end) {
        List<AgendaRow> rows = new ArrayList<>();
        LocalDate current = null;
        for (FollowUp f : vm.items()) {
            LocalDate d = f.dueAt().toLocalDate();
            if (!d.equals(current)) {
                rows.add(new AgendaRow(d, null));
                current = d;
            }
            rows.add(new AgendaRow(d, f));
        }
        agenda.setId("calendarAgenda");
        agenda.getStyleClass().add("calendar-agenda");
        agenda.setPlaceholder(new Label(messages.get("followup.calendar.emptyPeriod")));
        agenda.getItems().setAll(rows);
        agenda.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(AgendaRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("calendar-agenda-day");
                setContextMenu(null);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                if (r.item() == null) {
                    setGraphic(null);
                    setText(formats.date(r.day()) + "  " + r.day().getDayOfWeek().getDisplayName(TextStyle.FULL, messages.locale()));
                    getStyleClass().add("calendar-agenda-day");
                    return;
                }
                setText(null);
                setGraphic(entry(r.item(), false));
                setContextMenu(statusMenu(r.item()));
            }
        });
        listKeys(agenda, AgendaRow::item);
        return agenda;
    }

    // ---- entries ----

    private Label entry(FollowUp f, boolean compact) {
        String time = f.allDay() ? "" : f.dueAt().toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")) + " ";
        String text = compact
                ? time + f.customerName() + " · " + f.title()
                : time + f.customerName() + " · " + messages.get("followup.kind." + f.kind().name()) + " · " + f.title()
                + (f.owner() == null ? "" : "  (" + f.owner() + ")")
                + (f.status() != FollowUpStatus.PLANNED ? "  [" + messages.get("followup.status." + f.status().name()) + "]" : "");
        Label l = new Label(text);
        l.getStyleClass().addAll("calendar-entry", "calendar-entry-" + f.kind().name().toLowerCase(java.util.Locale.ROOT));
        LocalDateTime now = vm.now();
        if (f.isLate(now)) {
            l.getStyleClass().add("followup-late");
            l.setText(l.getText() + "  " + messages.get("followup.late"));
        } else if (f.isOverdue(now)) {
            l.getStyleClass().add("followup-overdue");
        }
        if (f.status() == FollowUpStatus.DONE || f.status() == FollowUpStatus.CANCELLED) {
            l.getStyleClass().add("calendar-entry-closed");
        }
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinWidth(0);
        l.setUserData(f);
        l.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                edit(f);
                e.consume();
            }
        });
        l.setContextMenu(statusMenu(f));
        l.setOnDragDetected(e -> {
            if (f.status() != FollowUpStatus.PLANNED) {
                return;
            }
            Dragboard db = l.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent cc = new ClipboardContent();
            cc.putString("followup:" + f.id());
            db.setContent(cc);
            e.consume();
        });
        return l;
    }

    private ContextMenu statusMenu(FollowUp f) {
        ContextMenu menu = new ContextMenu();
        MenuItem edit = new MenuItem(messages.get("followup.calendar.edit"));
        edit.setOnAction(e -> edit(f));
        menu.getItems().add(edit);
        if (f.status() == FollowUpStatus.PLANNED) {
            for (FollowUpStatus s : List.of(FollowUpStatus.DONE, FollowUpStatus.MISSED, FollowUpStatus.CANCELLED)) {
                MenuItem item = new MenuItem(messages.get("followup.calendar.mark", messages.get("followup.status." + s.name())));
                item.setOnAction(e -> vm.setStatus(f, s));
                menu.getItems().add(item);
            }
        }
        return menu;
    }

    private void dropTarget(Region cell, LocalDate day, Integer hour) {
        cell.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith("followup:")) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        cell.setOnDragDropped(e -> {
            String s = e.getDragboard().getString();
            boolean ok = false;
            if (s != null && s.startsWith("followup:")) {
                long id = Long.parseLong(s.substring("followup:".length()));
                moveTo(id, day, hour);
                ok = true;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Moves follow-up {@code id} to {@code day} (keeping its time) or to {@code day} at {@code hour} (null hour in a time grid = all-day). */
    public void moveTo(long id, LocalDate day, Integer hour) {
        FollowUp f = vm.items().stream().filter(x -> Objects.equals(x.id(), id)).findFirst().orElse(null);
        if (f == null) {
            return;
        }
        boolean month = vm.modeProperty().get() == CalendarViewModel.Mode.MONTH;
        if (month) {
            vm.move(id, day.atTime(f.dueAt().toLocalTime()), f.allDay());
        } else if (hour == null) {
            vm.move(id, day.atStartOfDay(), true);
        } else {
            LocalTime t = f.allDay() ? LocalTime.of(hour, 0) : LocalTime.of(hour, f.dueAt().getMinute());
            vm.move(id, day.atTime(t), false);
        }
    }

    private void create(LocalDateTime due) {
        FollowUpEditorViewModel editor = vm.editor();
        editor.startNew(due, null);
        FollowUpEditorView.open(window(), editor, messages, "followup.editor.newTitle", f -> vm.load());
    }

    private void edit(FollowUp f) {
        FollowUpEditorViewModel editor = vm.editor();
        editor.startEdit(f);
        FollowUpEditorView.open(window(), editor, messages, "followup.editor.editTitle", x -> vm.load());
    }

    private javafx.stage.Window window() {
        Scene s = getScene();
        return s == null ? null : s.getWindow();
    }

    private final class EntryCell extends ListCell<FollowUp> {
        private final boolean withDate;

        EntryCell(boolean withDate) {
            this.withDate = withDate;
        }

        @Override
        protected void updateItem(FollowUp f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                return;
            }
            Label l = entry(f, false);
            if (withDate && !f.dueAt().toLocalDate().equals(vm.today())) {
                l.setText(formats.date(f.dueAt().toLocalDate()) + " " + l.getText());
            }
            l.setWrapText(true);
            l.setPrefWidth(215);
            setGraphic(l);
            setContextMenu(statusMenu(f));
        }
    }

    @SuppressWarnings("unused")
    private static String shortDate(LocalDate d, Messages m) {
        return d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(m.locale()));
    }
}
