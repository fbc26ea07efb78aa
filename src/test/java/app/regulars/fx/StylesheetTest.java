package app.regulars.fx;

import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's stylesheet parses whole: one missing brace once switched off every rule after it. */
class StylesheetTest {
    @Test
    void theStylesheetHasNoParseErrors() throws IOException {
        CssParser.errorsProperty().clear();
        var sheet = new CssParser().parse(URI.create(Windows.STYLESHEET).toURL());
        assertThat(CssParser.errorsProperty()).extracting(Object::toString).isEmpty();
        assertThat(sheet.getRules()).extracting(r -> r.getSelectors().toString())
                .anyMatch(s -> s.contains("calendar-period")).anyMatch(s -> s.contains("kpi-card"));
    }
}
