package app.regulars.membership;

import app.regulars.customer.ImportUndoService;
import app.regulars.customer.PhoneNumbers;
import app.regulars.i18n.Messages;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Purchases on the window's mapping screen: {@link PurchaseCsvImporter} with the user's mapping; CSV or Excel. */
public final class PurchaseImport implements MappedImport {
    private final PurchaseCsvImporter importer;
    private final ImportUndoService undo;
    private final Messages messages;

    public PurchaseImport(MembershipService membership, PhoneNumbers phones, ImportUndoService undo, Messages messages) {
        this.importer = new PurchaseCsvImporter(membership, phones);
        this.undo = undo;
        this.messages = messages;
    }

    @Override
    public String title() {
        return messages.get("import.kind.purchases");
    }

    @Override
    public Set<RowFile.Format> formats() {
        return RowFile.TABLES;
    }

    @Override
    public List<Field> fields(Choice choice) {
        return PurchaseCsvImporter.FIELDS.stream().map(f -> new Field(f, messages.get("import.purchase." + f))).toList();
    }

    @Override
    public ColumnMapping automatic(List<String> header, Choice choice) {
        return PurchaseCsvImporter.automatic(header);
    }

    @Override
    public ImportReport check(RowFile file, ColumnMapping mapping, Choice choice, int rows) {
        return importer.check(file, mapping, rows);
    }

    @Override
    public ImportReport run(RowFile file, ColumnMapping mapping, Choice choice, Progress progress, BooleanSupplier cancelled) {
        return importer.importFile(file, mapping, progress, cancelled);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public String undoLast() {
        return undo.undoLast().describe(messages);
    }
}
