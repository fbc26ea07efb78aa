package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Survey answers on the window's mapping screen: the survey chosen first, then {@link ResponseFiles} with the user's mapping. */
public final class ResponseImport implements MappedImport {
    private final SurveyService surveys;
    private final Messages messages;

    public ResponseImport(SurveyService surveys, Messages messages) {
        this.surveys = surveys;
        this.messages = messages;
    }

    @Override
    public String title() {
        return messages.get("import.kind.responses");
    }

    @Override
    public Set<RowFile.Format> formats() {
        return RowFile.TABLES;
    }

    @Override
    public String choiceLabel() {
        return messages.get("import.response.survey");
    }

    @Override
    public List<Choice> choices() {
        return surveys.list().stream().map(s -> new Choice(String.valueOf(s.id()), s.name(messages.isChinese()))).toList();
    }

    private Survey survey(Choice choice) {
        return surveys.get(Long.parseLong(choice.id()));
    }

    @Override
    public List<Field> fields(Choice choice) {
        Survey survey = survey(choice);
        List<Field> fields = new ArrayList<>();
        for (String f : ResponseFiles.fields(survey)) {
            if (f.startsWith("q")) {
                int n = Integer.parseInt(f.substring(1));
                fields.add(new Field(f, messages.get("import.response.question", n, survey.questions().get(n - 1).text(messages.isChinese()))));
            } else {
                fields.add(new Field(f, messages.get("import.response." + f)));
            }
        }
        return fields;
    }

    @Override
    public ColumnMapping automatic(List<String> header, Choice choice) {
        return ResponseFiles.automatic(header, survey(choice));
    }

    @Override
    public ImportReport check(RowFile file, ColumnMapping mapping, Choice choice, int rows) {
        return new ResponseFiles(surveys, messages).check(survey(choice), file, mapping, rows);
    }

    @Override
    public ImportReport run(RowFile file, ColumnMapping mapping, Choice choice, Progress progress, BooleanSupplier cancelled) {
        return new ResponseFiles(surveys, messages).importFile(survey(choice), file, mapping, cancelled);
    }
}
