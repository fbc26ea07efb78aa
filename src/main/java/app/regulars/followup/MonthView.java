package app.regulars.followup;

import app.regulars.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;

/**
 * The month: six weeks from Monday, each day with its first follow-ups and "+ n more" (which
 * opens the day). Double-click a day to plan a follow-up there; drop an entry on a day to move
 * it there at its own time. Built anew from the view model on every load.
 */
final class MonthView extends GridPane {
    private static final int WEEKS = 6;

    MonthView(CalendarViewModel vm, Messages messages, CalendarEntries entries) {
        setId("calendarMonth");
        getStyleClass().add("calendar-month");
        for (int c = 0; c < 7; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 7);
            getColumnConstraints().add(cc);
            Label head = new Label(DayOfWeek.of(c + 1).getDisplayName(TextStyle.SHORT, messages.locale()));
            head.getStyleClass().add("calendar-weekday");
            head.setMaxWidth(Double.MAX_VALUE);
            add(head, c, 0);
        }
        getRowConstraints().add(new RowConstraints());
        for (int r = 0; r < WEEKS; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(100.0 / 6.3);
            getRowConstraints().add(rc);
        }
        LocalDate start = vm.start();
        int month = vm.getAnchor().getMonthValue();
        for (int i = 0; i < WEEKS * 7; i++) {
            LocalDate day = start.plusDays(i);
            add(day(vm, entries, day, month), i % 7, 1 + i / 7);
        }
    }

    private static VBox day(CalendarViewModel vm, CalendarEntries entries, LocalDate day, int month) {
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
        List<FollowUp> onDay = vm.on(day);
        int total = vm.countOn(day);
        // a full day gives its last line to "+ n more": a cell at 1280 x 800 holds the number and four lines
        List<FollowUp> shown = total > onDay.size() ? onDay.subList(0, Math.max(0, onDay.size() - 1)) : onDay;
        for (FollowUp f : shown) {
            cell.getChildren().add(entries.entry(f, true));
        }
        if (total > shown.size()) {
            cell.getChildren().add(entries.more(total - shown.size(), () -> vm.showDay(day)));
        }
        cell.setMinHeight(0);
        cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        entries.slot(cell, day, null, day.atStartOfDay());
        return cell;
    }
}
