package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Customers on the window's mapping screen: {@link CustomerCsvImporter} with the user's mapping; CSV, Excel or vCard. */
public final class CustomerImport implements MappedImport {
    private final CustomerService customers;
    private final CustomerCsvImporter importer;
    private final ImportUndoService undo;
    private final Messages messages;

    public CustomerImport(CustomerService customers, ImportUndoService undo, Messages messages) {
        this(customers, new CustomerCsvImporter(customers, ConsentSource.IMPORT, messages), undo, messages);
    }

    private CustomerImport(CustomerService customers, CustomerCsvImporter importer, ImportUndoService undo, Messages messages) {
        this.customers = customers;
        this.importer = importer;
        this.undo = undo;
        this.messages = messages;
    }

    @Override
    public String title() {
        return messages.get("import.kind.customers");
    }

    @Override
    public Set<RowFile.Format> formats() {
        return RowFile.ANY;
    }

    @Override
    public List<Field> fields(Choice choice) {
        List<Field> fields = new java.util.ArrayList<>(Arrays.stream(CustomerColumn.values())
                .map(c -> new Field(c.name(), messages.get("import.customer." + c.name()))).toList());
        customers.customFields().all().forEach(f -> fields.add(new Field(CustomerCsvImporter.FIELD_KEY + f.id(), f.name())));
        return fields;
    }

    @Override
    public ColumnMapping automatic(List<String> header, Choice choice) {
        return importer.automatic(header);
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
    public List<Field> duplicateRules() {
        return Arrays.stream(OnDuplicate.values()).map(r -> new Field(r.name(), messages.get(r.key()))).toList();
    }

    @Override
    public MappedImport withDuplicateRule(String rule) {
        return new CustomerImport(customers, importer.withRule(OnDuplicate.valueOf(rule)), undo, messages);
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
