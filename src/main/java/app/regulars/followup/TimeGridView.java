package app.regulars.followup;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;

import static app.regulars.followup.CalendarViewModel.FIRST_HOUR;
import static app.regulars.followup.CalendarViewModel.LAST_HOUR;

/**
 * A week (seven columns) or a day (one): an all-day row, then one row an hour from
 * {@link CalendarViewModel#FIRST_HOUR} to {@link CalendarViewModel#LAST_HOUR}, scrolled.
 * Double-click a slot to plan a follow-up at that hour; drop an entry on a slot to move it
 * there. A full slot ends in "+ n more", which opens the agenda from that day.
 */
final class TimeGridView extends ScrollPane {
    private static final double TIME_COLUMN_PERCENT = 6;

    TimeGridView(CalendarViewModel vm, Messages messages, CalendarEntries entries, int days) {
        Formats formats = new Formats(messages);
        LocalDate start = vm.start();
        GridPane grid = new GridPane();
        grid.setId(days == 1 ? "calendarDay" : "calendarWeek");
        grid.getStyleClass().add("calendar-grid");
        ColumnConstraints timeCol = new ColumnConstraints();
        timeCol.setPercentWidth(TIME_COLUMN_PERCENT);
        grid.getColumnConstraints().add(timeCol);
        for (int c = 0; c < days; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setPercentWidth((100.0 - TIME_COLUMN_PERCENT) / days);
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
                grid.add(slot(vm, entries, day, hour, days), c + 1, row);
            }
        }
        setContent(grid);
        setFitToWidth(true);
    }

    private static VBox slot(CalendarViewModel vm, CalendarEntries entries, LocalDate day, Integer hour, int days) {
        List<FollowUp> here = vm.inSlot(day, hour);
        VBox cell = new VBox(2);
        cell.getStyleClass().add("calendar-slot");
        cell.setId("slot-" + day + "-" + (hour == null ? "all" : hour));
        int shown = Math.min(here.size(), days == 1 ? CalendarViewModel.DAY_PER_SLOT : CalendarViewModel.WEEK_PER_SLOT);
        for (int i = 0; i < shown; i++) {
            cell.getChildren().add(entries.entry(here.get(i), days > 1));
        }
        int total = vm.countIn(day, hour);
        if (total > shown) {
            cell.getChildren().add(entries.more(total - shown, () -> vm.showAgenda(day)));
        }
        cell.setMinHeight(34);
        cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        entries.slot(cell, day, hour, hour == null ? day.atStartOfDay() : day.atTime(hour, 0));
        return cell;
    }
}
