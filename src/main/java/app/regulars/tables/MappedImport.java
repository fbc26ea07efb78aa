package app.regulars.tables;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * An import the window's mapping screen can run (customers, purchases, survey answers): each
 * feature adds its own, over its importer, so the screen knows no feature. The screen shows a
 * file's first rows, maps each column to one of {@link #fields} (starting from
 * {@link #automatic}, the same mapping the command line uses), marks the cells {@link #check}
 * rejects (the importer's own row checks) and then {@link #run}s the import: all or nothing, as
 * from the command line. Every method but {@link #title}, {@link #formats} and
 * {@link #choiceLabel} may read the store: call them off the JavaFX thread.
 */
public interface MappedImport {
    /** A field a column can go to: the importer's key for it, and its name in the user's language. */
    record Field(String key, String label) {
    }

    /** Something chosen before the file is mapped (for survey answers, the survey). */
    record Choice(String id, String label) {
    }

    /** What is imported, in the user's language ("Customers"). */
    String title();

    /** The formats this import reads. */
    Set<RowFile.Format> formats();

    /** The name of the choice to make first ("Survey"), or null when there is none. */
    default String choiceLabel() {
        return null;
    }

    /** What can be chosen first (every survey), empty when there is no choice. */
    default List<Choice> choices() {
        return List.of();
    }

    /** The fields a column can go to (for survey answers, the chosen survey's questions). */
    List<Field> fields(Choice choice);

    /** The mapping the header's names give (what the command line imports with). */
    ColumnMapping automatic(List<String> header, Choice choice);

    /**
     * The importer's checks on the first {@code rows} data rows with this mapping, nothing stored:
     * a report of those rows (rejected and warned ones with their problems). A
     * {@code UserException} when the mapping itself cannot be imported (no column for the name).
     */
    ImportReport check(RowFile file, ColumnMapping mapping, Choice choice, int rows);

    /** Imports the whole file with this mapping, all or nothing. */
    ImportReport run(RowFile file, ColumnMapping mapping, Choice choice, Progress progress, BooleanSupplier cancelled);

    /**
     * What a row can do that is a record already here (customers: skip it, fill in, overwrite, add
     * another), the first the default, each with its label; empty when this import does not match rows.
     */
    default List<Field> duplicateRules() {
        return List.of();
    }

    /** This import with rows already here doing {@code rule} (a key of {@link #duplicateRules}). */
    default MappedImport withDuplicateRule(String rule) {
        return this;
    }

    /** Whether {@link #undoLast} can undo what {@link #run} did. */
    default boolean undoable() {
        return false;
    }

    /**
     * Undoes the last import (the one just run, unless something changed its records since): one
     * sentence, in the user's language, saying what it did or why it did nothing.
     */
    default String undoLast() {
        throw new UnsupportedOperationException();
    }
}
