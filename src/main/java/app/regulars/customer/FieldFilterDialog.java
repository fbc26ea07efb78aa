package app.regulars.customer;

import app.regulars.fx.DateFields;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

import java.util.Optional;

/**
 * Filter by a custom field… (decision 0027): a field, then what its value should be: words it
 * contains (text), one of the options (choice), yes or no, or a range (number, date; either end
 * may stay empty).
 */
final class FieldFilterDialog extends Dialog<ListFilter> {
    private final CustomerListViewModel vm;
    private final Messages messages;
    private final ChoiceBox<CustomField> field = new ChoiceBox<>();
    private final GridPane grid = new GridPane(12, 10);
    private final Label error = new Label();
    private final TextField text = new TextField();
    private final ChoiceBox<String> option = new ChoiceBox<>();
    private final TextField fromNumber = new TextField();
    private final TextField toNumber = new TextField();
    private final DatePicker fromDate;
    private final DatePicker toDate;

    private FieldFilterDialog(CustomerListViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        setTitle(messages.get("customer.custom.filterTitle"));
        fromDate = DateFields.create(messages);
        toDate = DateFields.create(messages);
        field.setId("filterField");
        field.getItems().setAll(vm.customFields());
        field.setConverter(converter(f -> f == null ? "" : f.name()));
        text.setId("filterText");
        text.setPrefColumnCount(20);
        option.setId("filterOption");
        fromNumber.setId("filterFrom");
        toNumber.setId("filterTo");
        fromNumber.setPrefColumnCount(8);
        toNumber.setPrefColumnCount(8);
        fromDate.setId("filterFromDate");
        toDate.setId("filterToDate");
        error.setId("filterError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(420);
        field.valueProperty().addListener((obs, o, n) -> showInputs(n));
        getDialogPane().setContent(grid);
        getDialogPane().setId("fieldFilterDialog");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("filterApply");
        ok.setText(messages.get("customer.custom.filterApply"));
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setText(messages.get("common.cancel"));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                setResult(filter());
            } catch (RuntimeException ex) {
                error.setText(messages.describe(ex));
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? getResult() : null);
        field.setValue(vm.customFields().isEmpty() ? null : vm.customFields().getFirst());
    }

    /** Asks; the filter made, or empty when cancelled. */
    static Optional<ListFilter> ask(Node anchor, CustomerListViewModel vm, Messages messages) {
        FieldFilterDialog d = Windows.dialog(anchor, new FieldFilterDialog(vm, messages));
        return d.showAndWait();
    }

    private ListFilter filter() {
        CustomField f = field.getValue();
        if (f == null) {
            throw new app.regulars.i18n.UserException("customer.custom.filterEmpty");
        }
        return switch (f.kind()) {
            case TEXT -> vm.fieldFilter(f, text.getText(), null, null);
            case CHOICE, YES_NO -> vm.fieldFilter(f, option.getValue(), null, null);
            case NUMBER -> vm.fieldFilter(f, null, fromNumber.getText(), toNumber.getText());
            case DATE -> vm.fieldFilter(f, null, iso(fromDate), iso(toDate));
        };
    }

    private static String iso(DatePicker d) {
        return d.getValue() == null ? null : d.getValue().toString();
    }

    private void showInputs(CustomField f) {
        grid.getChildren().clear();
        error.setText("");
        grid.addRow(0, new Label(messages.get("customer.custom.filterField")), field);
        if (f != null) {
            switch (f.kind()) {
                case TEXT -> grid.addRow(1, new Label(messages.get("customer.custom.filterContains")), text);
                case CHOICE, YES_NO -> {
                    option.getItems().setAll(f.kind() == FieldKind.CHOICE ? f.options() : java.util.List.of("true", "false"));
                    option.setConverter(converter(o -> o == null ? "" : f.kind() == FieldKind.YES_NO
                            ? messages.get(Boolean.parseBoolean(o) ? "common.yes" : "common.no") : o));
                    option.setValue(option.getItems().isEmpty() ? null : option.getItems().getFirst());
                    grid.addRow(1, new Label(messages.get("customer.custom.filterEquals")), option);
                }
                case NUMBER -> grid.addRow(1, new Label(messages.get("customer.custom.filterFrom")),
                        centered(new HBox(8, fromNumber, new Label(messages.get("customer.custom.filterTo")), toNumber)));
                case DATE -> grid.addRow(1, new Label(messages.get("customer.custom.filterFrom")),
                        centered(new HBox(8, fromDate, new Label(messages.get("customer.custom.filterTo")), toDate)));
            }
        }
        grid.add(error, 1, 2);
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            Platform.runLater(() -> getDialogPane().getScene().getWindow().sizeToScene());
        }
    }

    private static HBox centered(HBox box) {
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return toText.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
