package app.regulars.testing;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the controls whose text the user sees cut off ("Exp…"): a {@link Labeled} whose skin
 * shows less than its text. Data is left out: rows of tables and lists and the follow-ups in a
 * calendar's day (a long note or title may end in "…" there, and the tooltip or the profile shows
 * it whole); column headers, buttons, labels and headings are not, nor the entries of a list
 * marked {@code wrapping-list} (the calendar's Today list), which are read whole.
 */
public final class CutOffText {
    private CutOffText() {
    }

    /** What is cut off under {@code root}, as "the text → what shows" (call on the FX thread). */
    public static List<String> under(Parent root) {
        List<String> found = new ArrayList<>();
        visit(root, found);
        return found;
    }

    private static void visit(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if ((node instanceof IndexedCell<?> cell && inFlow(cell) || node.getStyleClass().contains("calendar-entry")) && !inWrappingList(node)) {
            return;
        }
        if (node instanceof Labeled labeled && showing(labeled)) {
            String full = labeled.getText();
            if (full != null && !full.isBlank()) {
                String shown = shownText(labeled);
                String expected = labeled.isMnemonicParsing() ? withoutMnemonic(full) : full;
                if (shown != null && !shown.equals(expected) && !shown.replace("\n", " ").equals(expected.replace("\n", " "))) {
                    found.add(labeled.getClass().getSimpleName()
                            + (labeled.getId() == null ? "" : "#" + labeled.getId())
                            + ": \"" + expected + "\" shows \"" + shown + "\"");
                }
            }
        }
        if (node instanceof TextInputControl field && showing(field) && (field.getText() == null || field.getText().isEmpty())
                && field.getPromptText() != null && !field.getPromptText().isBlank()) {
            Text measure = new Text(field.getPromptText());
            measure.setFont(field.getFont());
            double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset() - decorations(field);
            if (measure.getLayoutBounds().getWidth() > room + 0.5) {
                found.add(field.getClass().getSimpleName() + (field.getId() == null ? "" : "#" + field.getId())
                        + ": prompt \"" + field.getPromptText() + "\" needs " + Math.round(measure.getLayoutBounds().getWidth())
                        + " px, has " + Math.round(room));
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, found);
            }
        }
    }

    /** The icons and buttons a ControlsFX field shows beside its text (the magnifier, the clear button). */
    private static double decorations(TextInputControl field) {
        if (field instanceof org.controlsfx.control.textfield.CustomTextField custom) {
            double left = custom.getLeft() == null ? 0 : custom.getLeft().prefWidth(-1);
            double right = custom.getRight() == null ? 0 : custom.getRight().prefWidth(-1);
            return left + right;
        }
        return 0;
    }

    private static boolean inWrappingList(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("wrapping-list")) {
                return true;
            }
        }
        return false;
    }

    private static boolean inFlow(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof VirtualFlow<?>) {
                return true;
            }
        }
        return false;
    }

    /** Laid out with a size and inside the window (a menu bar's overflow or a hidden tab is not shown). */
    private static boolean showing(javafx.scene.control.Control labeled) {
        for (Node n = labeled; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        Bounds b = labeled.getLayoutBounds();
        return b.getWidth() > 0 && b.getHeight() > 0 && labeled.getScene() != null;
    }

    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    private static String withoutMnemonic(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '_') {
                    out.append('_');
                    i++;
                    continue;
                }
                // "新答卷(_N)…": the skin drops "(_N)"-style mnemonics on some platforms; keep the letter.
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
