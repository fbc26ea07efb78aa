package app.regulars.survey;

import app.regulars.fx.DateFields;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.function.Function;

/**
 * The top of the results page: the survey to show and what to do with it (walk-in response,
 * edit, new, delete, complaint thresholds), then the period, tag and tier filters, export and
 * print. The buttons hand over to {@link SurveyPageActions}.
 */
final class SurveyToolbar extends VBox {
    private final SurveyResultsViewModel vm;
    private final Messages messages;
    private final SurveyPageActions actions;

    SurveyToolbar(SurveyResultsViewModel vm, Messages messages, SurveyPageActions actions) {
        super(10);
        this.vm = vm;
        this.messages = messages;
        this.actions = actions;
        getStyleClass().add("page-toolbar");
        getChildren().addAll(surveyRow(), filterRow());
    }

    /** The title, the survey picker and the survey's actions. */
    private HBox surveyRow() {
        Label title = new Label(messages.get("survey.page.title"));
        title.getStyleClass().add("page-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<SurveySummary> survey = new ComboBox<>(vm.surveys());
        survey.setId("resultsSurvey");
        survey.valueProperty().bindBidirectional(vm.selectedProperty());
        boolean zh = messages.isChinese();
        survey.setConverter(converter(s -> s.name(zh), ""));
        Button newResponse = button("walkInResponse", "survey.page.newResponse", new FontIcon(MaterialDesignP.PLUS), actions::openWalkIn);
        newResponse.getStyleClass().add("accent");
        Button edit = button("editSurvey", "survey.page.edit", new FontIcon(MaterialDesignP.PENCIL), actions::editSurvey);
        edit.disableProperty().bind(vm.surveyProperty().isNull());
        // The rarer actions in one menu, so the survey's name has room beside the frequent ones.
        MenuItem create = item("createSurvey", "survey.page.create", actions::createSurvey);
        MenuItem delete = item("deleteSurvey", "survey.page.delete", actions::deleteSurvey);
        delete.disableProperty().bind(vm.surveyProperty().isNull());
        MenuItem thresholds = item("surveyThresholds", "survey.page.thresholds", actions::editThresholds);
        MenuButton more = new MenuButton(messages.get("survey.page.more"), null, create, thresholds, new SeparatorMenuItem(), delete);
        more.setId("surveyMore");
        more.setMinWidth(Region.USE_PREF_SIZE);
        survey.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, title, survey, grow(), newResponse, edit, more);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** The period, tag and tier filters, export and print. */
    private HBox filterRow() {
        DatePicker from = datePicker("resultsFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = datePicker("resultsTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        ComboBox<String> tag = tagBox();
        ComboBox<TierChoice> tier = tierBox();
        Label tierLabel = label(messages, "survey.page.tier", tier);
        tierLabel.visibleProperty().bind(tier.visibleProperty());
        tierLabel.managedProperty().bind(tier.visibleProperty());
        Button clear = button(null, "survey.page.clearFilters", null, () -> {
            vm.tagProperty().set(null);
            vm.tierProperty().set(null);
        });
        clear.visibleProperty().bind(vm.tagProperty().isNotNull().or(vm.tierProperty().isNotNull()));
        clear.managedProperty().bind(clear.visibleProperty());
        Button export = button("exportResponses", "survey.page.export", new FontIcon(MaterialDesignE.EXPORT), actions::export);
        export.disableProperty().bind(vm.surveyProperty().isNull());
        Button print = button("printResults", "survey.page.print", new FontIcon(MaterialDesignP.PRINTER), actions::print);
        print.disableProperty().bind(vm.surveyProperty().isNull());
        HBox row = new HBox(10, label(messages, "survey.page.from", from), from, label(messages, "survey.page.to", to), to,
                label(messages, "survey.page.tag", tag), tag, tierLabel, tier, clear, grow(), export, print);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private DatePicker datePicker(String id) {
        DatePicker picker = DateFields.create(messages);
        picker.setId(id);
        picker.setPrefWidth(140);
        picker.setMinWidth(130);
        return picker;
    }

    private ComboBox<String> tagBox() {
        ComboBox<String> tag = new ComboBox<>(vm.tagChoices());
        tag.setId("resultsTag");
        tag.setMinWidth(110);
        tag.setPromptText(messages.get("survey.page.allTags"));
        tag.valueProperty().bindBidirectional(vm.tagProperty());
        tag.setButtonCell(cell(t -> t, messages.get("survey.page.allTags")));
        return tag;
    }

    /** The tier filter; tiers exist only once the shop has set up membership, so it hides until then. */
    private ComboBox<TierChoice> tierBox() {
        ComboBox<TierChoice> tier = new ComboBox<>(vm.tierChoices());
        tier.setId("resultsTier");
        tier.setMinWidth(110);
        String all = messages.get("survey.page.allTiers");
        tier.setPromptText(all);
        tier.valueProperty().bindBidirectional(vm.tierProperty());
        tier.setConverter(converter(vm::tierName, all));
        tier.setButtonCell(cell(vm::tierName, all));
        tier.visibleProperty().bind(Bindings.isNotEmpty(vm.tierChoices()));
        tier.managedProperty().bind(tier.visibleProperty());
        return tier;
    }

    private MenuItem item(String id, String key, Runnable action) {
        MenuItem i = new MenuItem(messages.get(key));
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    /** A button kept at its full width; {@code id} and {@code icon} may be null. */
    private Button button(String id, String key, Node icon, Runnable action) {
        Button b = new Button(messages.get(key), icon);
        if (id != null) {
            b.setId(id);
        }
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Region grow() {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        return grow;
    }

    /** A field's label with its mnemonic (Alt+letter focuses {@code target}), never cut short. */
    static Label label(Messages messages, String key, Node target) {
        Label l = new Label(messages.get(key));
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static <T> StringConverter<T> converter(Function<T, String> name, String none) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? none : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static <T> ListCell<T> cell(Function<T, String> name, String none) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? none : name.apply(t));
            }
        };
    }
}
