package app.regulars.app;

import app.regulars.i18n.Messages;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

import java.util.Locale;
import java.util.function.Consumer;

/** The English / 简体中文 chooser, shown in the shell and on the welcome screen. */
public final class LanguageSwitch {
    private LanguageSwitch() {
    }

    public static ComboBox<Locale> create(Messages messages, Consumer<Locale> switchLanguage) {
        ComboBox<Locale> language = new ComboBox<>();
        language.setId("languageSwitch");
        language.getItems().setAll(Messages.ENGLISH, Messages.CHINESE);
        language.setValue(messages.locale());
        language.setCellFactory(l -> cell(messages));
        language.setButtonCell(cell(messages));
        language.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(messages.locale())) {
                switchLanguage.accept(n);
            }
        });
        return language;
    }

    private static ListCell<Locale> cell(Messages messages) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Locale item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : messages.get(Messages.CHINESE.equals(item) ? "nav.languageChinese" : "nav.languageEnglish"));
            }
        };
    }
}
