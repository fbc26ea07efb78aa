package app.regulars.followup;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.time.format.TextStyle;
import java.util.List;

/**
 * The agenda: the follow-ups of {@link CalendarViewModel#AGENDA_DAYS} days as one list, under a
 * header for each day that has some. Enter or a double-click edits one, Ctrl+D marks it done.
 */
final class AgendaView extends ListView<CalendarViewModel.AgendaRow> {
    AgendaView(Messages messages, CalendarEntries entries) {
        Formats formats = new Formats(messages);
        setId("calendarAgenda");
        getStyleClass().add("calendar-agenda");
        setPlaceholder(new Label(messages.get("followup.calendar.emptyPeriod")));
        setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CalendarViewModel.AgendaRow r, boolean empty) {
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
                setGraphic(entries.entry(r.item(), false));
                setContextMenu(entries.statusMenu(r.item()));
            }
        });
        entries.listKeys(this, CalendarViewModel.AgendaRow::item);
    }

    void show(List<CalendarViewModel.AgendaRow> rows) {
        getItems().setAll(rows);
    }
}
