package app.regulars.followup;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What every calendar view does with a follow-up: its entry (a label that opens the form on
 * a click, carries a status menu and can be dragged), the cells it can be dropped on or
 * planned in with a double-click, and the keys of a list of entries. The month, week, day,
 * agenda and today's list all use one, so an entry looks and behaves the same everywhere.
 */
final class CalendarEntries {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final CalendarViewModel vm;
    private final Messages messages;
    private final Node owner;

    /** {@code owner}: the node whose window the follow-up form opens over. */
    CalendarEntries(CalendarViewModel vm, Messages messages, Node owner) {
        this.vm = vm;
        this.messages = messages;
        this.owner = owner;
    }

    /** A follow-up's entry; {@code compact} (in a grid) leaves out the kind, owner and status. */
    Label entry(FollowUp f, boolean compact) {
        String time = f.allDay() ? "" : f.dueAt().toLocalTime().format(TIME) + " ";
        String title = FollowUpTitles.of(f, messages);
        String kind = messages.get("followup.kind." + f.kind().name());
        String text = compact || kind.equals(title) // "Routine check-in" once, not "Routine check-in · Routine check-in"
                ? time + f.customerName() + " · " + title
                : time + f.customerName() + " · " + kind + " · " + title
                + (f.owner() == null ? "" : "  (" + f.owner() + ")")
                + (f.status() != FollowUpStatus.PLANNED ? "  [" + messages.get("followup.status." + f.status().name()) + "]" : "");
        Label l = new Label(text);
        l.getStyleClass().addAll("calendar-entry", "calendar-entry-" + f.kind().name().toLowerCase(Locale.ROOT));
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
        if (compact) { // a grid's cell is narrow: the whole entry on hover
            String whole = time + f.customerName() + "\n" + kind + " · " + title
                    + (f.owner() == null ? "" : "\n" + f.owner())
                    + (f.status() != FollowUpStatus.PLANNED ? "\n" + messages.get("followup.status." + f.status().name()) : "");
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(whole);
            tip.setShowDelay(javafx.util.Duration.millis(400));
            l.setTooltip(tip);
        }
        l.setUserData(f);
        l.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                edit(f);
                e.consume();
            }
        });
        l.setContextMenu(statusMenu(f));
        l.setOnDragDetected(e -> {
            if (!CalendarDrop.canDrag(f)) {
                return;
            }
            Dragboard db = l.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent cc = new ClipboardContent();
            cc.putString(CalendarDrop.payload(f.id()));
            db.setContent(cc);
            e.consume();
        });
        return l;
    }

    /** Edit, and for a planned follow-up: mark it done, missed or cancelled. */
    ContextMenu statusMenu(FollowUp f) {
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

    /** "+ n more", which runs {@code open} when clicked. */
    Label more(int hidden, Runnable open) {
        Label more = new Label(messages.get("followup.calendar.more", hidden));
        more.getStyleClass().add("calendar-more");
        more.setOnMouseClicked(e -> {
            open.run();
            e.consume();
        });
        return more;
    }

    /**
     * Makes {@code cell} a place for follow-ups: one dropped on it moves to {@code day} (and
     * {@code hour} in a time grid, null: all-day); a double-click plans a new one at {@code due}.
     */
    void slot(Region cell, LocalDate day, Integer hour, LocalDateTime due) {
        cell.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && CalendarDrop.idOf(e.getDragboard().getString()) != null) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        cell.setOnDragDropped(e -> {
            Long id = CalendarDrop.idOf(e.getDragboard().getString());
            if (id != null) {
                vm.moveTo(id, day, hour);
            }
            e.setDropCompleted(id != null);
            e.consume();
        });
        cell.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                create(due);
            }
        });
    }

    /** Enter edits the selected follow-up, Ctrl+D marks it done, a double-click edits it. */
    <T> void listKeys(ListView<T> list, Function<T, FollowUp> item) {
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

    /** Opens the form for a new follow-up due at {@code due} (midnight: all-day). */
    void create(LocalDateTime due) {
        FollowUpEditorViewModel editor = vm.editor();
        editor.startNew(due, null);
        FollowUpEditorView.open(Windows.windowOf(owner), editor, messages, "followup.editor.newTitle", f -> vm.load());
    }

    void edit(FollowUp f) {
        FollowUpEditorViewModel editor = vm.editor();
        editor.startEdit(f);
        FollowUpEditorView.open(Windows.windowOf(owner), editor, messages, "followup.editor.editTitle", x -> vm.load());
    }
}
