package app.regulars.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lays a {@link Table} out on pages: a header with the title and subtitle, the column heads
 * repeated on every page, rows whose text wraps within their column, tick-boxes, and a footer
 * with the page number. The same layout is drawn by the PDF export and by JavaFX printing,
 * each measuring text with its own font, so both paginate alike. Coordinates are points
 * (1/72 inch) from the page's top-left corner.
 */
public final class TableLayout {
    /** Paper sizes in points. */
    public enum Paper {
        A4(595.28, 841.89), LETTER(612, 792);

        public final double width;
        public final double height;

        Paper(double width, double height) {
            this.width = width;
            this.height = height;
        }

        /** Letter in the United States and Canada, A4 elsewhere. */
        public static Paper forCountry(String country) {
            return "US".equals(country) || "CA".equals(country) ? LETTER : A4;
        }
    }

    /** Measures the width of {@code text} at {@code size} points in the renderer's font. */
    public interface Measure {
        double width(String text, double size);
    }

    /** Something to draw: text (y is its baseline), an empty box, a line or a grey band. */
    public sealed interface Mark {
    }

    public record Text(double x, double y, double size, boolean bold, String text) implements Mark {
    }

    public record Box(double x, double y, double size) implements Mark {
    }

    public record Rule(double x1, double y1, double x2, double y2) implements Mark {
    }

    public record Band(double x, double y, double width, double height) implements Mark {
    }

    public record Page(int number, List<Mark> marks) {
    }

    static final double TITLE_SIZE = 15;
    static final double SUBTITLE_SIZE = 9.5;
    static final double HEAD_SIZE = 9;
    static final double CELL_SIZE = 9;
    static final double FOOTER_SIZE = 8;
    static final double LEADING = 1.3;
    static final double PAD = 4;
    static final double BOX = 9;

    private final Measure measure;
    private final double width;
    private final double height;
    private final double margin;

    public TableLayout(Measure measure, double pageWidth, double pageHeight, double margin) {
        this.measure = measure;
        this.width = pageWidth;
        this.height = pageHeight;
        this.margin = margin;
    }

    public TableLayout(Measure measure, Paper paper) {
        this(measure, paper.width, paper.height, 40);
    }

    /**
     * The pages of {@code table}. {@code cellText} writes a cell for the reader (dates and
     * money in the user's locale); {@code pageLabel} gives the footer for page n of total.
     */
    public List<Page> layout(Table table, Function<Object, String> cellText, PageLabel pageLabel) {
        double contentWidth = width - 2 * margin;
        double boxColumn = table.tickBoxes() ? BOX + 2 * PAD : 0;
        double totalWeight = table.columns().stream().mapToDouble(Table.Column::weight).sum();
        int n = table.columns().size();
        double[] colX = new double[n];
        double[] colW = new double[n];
        double x = margin + boxColumn;
        for (int i = 0; i < n; i++) {
            colX[i] = x;
            colW[i] = (contentWidth - boxColumn) * table.columns().get(i).weight() / totalWeight;
            x += colW[i];
        }
        // The footer sits inside the margin-free area too: a printer's printable area has no room outside it.
        double footerBaseline = height - margin - 2;
        double bottom = footerBaseline - FOOTER_SIZE - 8;

        List<List<Mark>> pages = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        double y = startPage(table, marks, colX, colW, true);
        List<List<String>> heads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            heads.add(wrap(table.columns().get(i).header(), HEAD_SIZE, colW[i] - 2 * PAD));
        }
        y = header(table, marks, heads, colX, colW, y);
        if (table.rows().isEmpty()) {
            marks.add(new Text(margin + PAD, y + CELL_SIZE * LEADING, CELL_SIZE, false, "—"));
        }
        for (List<Object> row : table.rows()) {
            List<List<String>> lines = rowLines(row, cellText, colW);
            double rowHeight = rowHeight(lines);
            if (y + rowHeight > bottom && marks.size() > 0) {
                pages.add(marks);
                marks = new ArrayList<>();
                y = startPage(table, marks, colX, colW, false);
                y = header(table, marks, heads, colX, colW, y);
            }
            y = drawRow(table, marks, lines, colX, colW, y, rowHeight);
        }
        pages.add(marks);
        return withFooters(pages, pageLabel, footerBaseline);
    }

    /** The size of a section's heading in {@link #layoutSections}. */
    static final double SECTION_SIZE = 12;

    /**
     * One document of several tables that share the pages: the document's title and subtitle at
     * the top of the first page, then each table under its own heading (its title; its subtitle
     * below in small print), its column heads repeated where it goes on over a page, "—" for a
     * table without rows. A heading never ends a page: it moves to the next with its first row.
     * Tick-boxes are not drawn.
     */
    public List<Page> layoutSections(String title, String subtitle, List<Table> sections, Function<Object, String> cellText,
                                     PageLabel pageLabel) {
        double contentWidth = width - 2 * margin;
        double footerBaseline = height - margin - 2;
        double bottom = footerBaseline - FOOTER_SIZE - 8;
        List<List<Mark>> pages = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        double y = margin;
        for (String line : wrap(title, TITLE_SIZE, contentWidth)) {
            y += TITLE_SIZE;
            marks.add(new Text(margin, y, TITLE_SIZE, true, line));
            y += TITLE_SIZE * (LEADING - 1);
        }
        if (subtitle != null && !subtitle.isBlank()) {
            for (String line : wrap(subtitle, SUBTITLE_SIZE, contentWidth)) {
                y += SUBTITLE_SIZE * LEADING;
                marks.add(new Text(margin, y, SUBTITLE_SIZE, false, line));
            }
        }
        for (Table table : sections) {
            int n = table.columns().size();
            double totalWeight = table.columns().stream().mapToDouble(Table.Column::weight).sum();
            double[] colX = new double[n];
            double[] colW = new double[n];
            double x = margin;
            for (int i = 0; i < n; i++) {
                colX[i] = x;
                colW[i] = contentWidth * table.columns().get(i).weight() / totalWeight;
                x += colW[i];
            }
            List<List<String>> heads = new ArrayList<>();
            int headLines = 1;
            for (int i = 0; i < n; i++) {
                heads.add(wrap(table.columns().get(i).header(), HEAD_SIZE, colW[i] - 2 * PAD));
                headLines = Math.max(headLines, heads.get(i).size());
            }
            List<String> note = table.subtitle().isBlank() ? List.of() : wrap(table.subtitle(), SUBTITLE_SIZE, contentWidth);
            List<List<String>> first = table.rows().isEmpty() ? null : rowLines(table.rows().getFirst(), cellText, colW);
            double keep = 14 + SECTION_SIZE * LEADING + note.size() * SUBTITLE_SIZE * LEADING + 4
                    + headLines * HEAD_SIZE * LEADING + 2 * PAD + (first == null ? CELL_SIZE * LEADING + 2 * PAD : rowHeight(first));
            if (y + keep > bottom && y > margin) {
                pages.add(marks);
                marks = new ArrayList<>();
                y = margin;
            }
            y += 14 + SECTION_SIZE;
            marks.add(new Text(margin, y, SECTION_SIZE, true, table.title()));
            for (String line : note) {
                y += SUBTITLE_SIZE * LEADING;
                marks.add(new Text(margin, y, SUBTITLE_SIZE, false, line));
            }
            y += 4;
            y = header(table, marks, heads, colX, colW, y);
            if (table.rows().isEmpty()) {
                marks.add(new Text(margin + PAD, y + PAD + CELL_SIZE, CELL_SIZE, false, "—"));
                y += CELL_SIZE * LEADING + 2 * PAD;
            }
            for (List<Object> row : table.rows()) {
                List<List<String>> lines = rowLines(row, cellText, colW);
                double rowHeight = rowHeight(lines);
                if (y + rowHeight > bottom) {
                    pages.add(marks);
                    marks = new ArrayList<>();
                    y = header(table, marks, heads, colX, colW, margin);
                }
                y = drawRow(table, marks, lines, colX, colW, y, rowHeight);
            }
        }
        pages.add(marks);
        return withFooters(pages, pageLabel, footerBaseline);
    }

    /** Each cell of {@code row} written for the reader and wrapped in its column. */
    private List<List<String>> rowLines(List<Object> row, Function<Object, String> cellText, double[] colW) {
        List<List<String>> lines = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            lines.add(wrap(cellText.apply(row.get(i)), CELL_SIZE, colW[i] - 2 * PAD));
        }
        return lines;
    }

    private static double rowHeight(List<List<String>> lines) {
        int maxLines = 1;
        for (List<String> cell : lines) {
            maxLines = Math.max(maxLines, cell.size());
        }
        return Math.max(maxLines * CELL_SIZE * LEADING, BOX) + 2 * PAD;
    }

    /** Draws one row at {@code y} (its tick-box, its cells, the rule under it); returns the y below it. */
    private double drawRow(Table table, List<Mark> marks, List<List<String>> lines, double[] colX, double[] colW, double y, double rowHeight) {
        if (table.tickBoxes()) {
            marks.add(new Box(margin + PAD, y + PAD + 1, BOX));
        }
        for (int i = 0; i < lines.size(); i++) {
            boolean right = table.columns().get(i).numeric();
            double lineY = y + PAD + CELL_SIZE;
            for (String line : lines.get(i)) {
                double tx = right ? colX[i] + colW[i] - PAD - measure.width(line, CELL_SIZE) : colX[i] + PAD;
                marks.add(new Text(tx, lineY, CELL_SIZE, false, line));
                lineY += CELL_SIZE * LEADING;
            }
        }
        y += rowHeight;
        marks.add(new Rule(margin, y, width - margin, y));
        return y;
    }

    private List<Page> withFooters(List<List<Mark>> pages, PageLabel pageLabel, double footerBaseline) {
        List<Page> result = new ArrayList<>(pages.size());
        for (int p = 0; p < pages.size(); p++) {
            List<Mark> page = pages.get(p);
            String label = pageLabel.label(p + 1, pages.size());
            page.add(new Text(width - margin - measure.width(label, FOOTER_SIZE), footerBaseline, FOOTER_SIZE, false, label));
            result.add(new Page(p + 1, List.copyOf(page)));
        }
        return result;
    }

    /** The footer text of page {@code page} of {@code total}. */
    public interface PageLabel {
        String label(int page, int total);
    }

    private double startPage(Table table, List<Mark> marks, double[] colX, double[] colW, boolean first) {
        double y = margin;
        for (String line : wrap(table.title(), TITLE_SIZE, width - 2 * margin)) {
            y += TITLE_SIZE;
            marks.add(new Text(margin, y, TITLE_SIZE, true, line));
            y += TITLE_SIZE * (LEADING - 1);
        }
        if (!table.subtitle().isBlank()) {
            for (String line : wrap(table.subtitle(), SUBTITLE_SIZE, width - 2 * margin)) {
                y += SUBTITLE_SIZE * LEADING;
                marks.add(new Text(margin, y, SUBTITLE_SIZE, false, line));
            }
        }
        return y + 10;
    }

    private double header(Table table, List<Mark> marks, List<List<String>> heads, double[] colX, double[] colW, double y) {
        int lines = heads.stream().mapToInt(List::size).max().orElse(1);
        double h = lines * HEAD_SIZE * LEADING + 2 * PAD;
        marks.add(new Band(margin, y, width - 2 * margin, h));
        for (int i = 0; i < heads.size(); i++) {
            boolean right = table.columns().get(i).numeric();
            double lineY = y + PAD + HEAD_SIZE;
            for (String line : heads.get(i)) {
                double tx = right ? colX[i] + colW[i] - PAD - measure.width(line, HEAD_SIZE) : colX[i] + PAD;
                marks.add(new Text(tx, lineY, HEAD_SIZE, true, line));
                lineY += HEAD_SIZE * LEADING;
            }
        }
        return y + h;
    }

    /**
     * Breaks {@code text} into lines no wider than {@code max}: at spaces where there are any,
     * between any two Chinese characters, and inside a word only when it alone is too wide.
     * Line breaks in the text are kept.
     */
    public List<String> wrap(String text, double size, double max) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            out.add("");
            return out;
        }
        for (String paragraph : text.split("\\R", -1)) {
            wrapParagraph(paragraph, size, max, out);
        }
        return out;
    }

    private void wrapParagraph(String text, double size, double max, List<String> out) {
        int start = 0;
        int len = text.length();
        if (len == 0) {
            out.add("");
            return;
        }
        while (start < len) {
            int end = start;
            int lastBreak = -1;
            while (end < len) {
                int next = text.offsetByCodePoints(end, 1);
                if (measure.width(text.substring(start, next), size) > max && end > start) {
                    break;
                }
                int cp = text.codePointAt(end);
                if (cp == ' ') {
                    lastBreak = next;
                } else if (Character.isIdeographic(cp) && next < len) {
                    lastBreak = next;
                }
                end = next;
            }
            if (end < len && lastBreak > start) {
                end = lastBreak;
            }
            out.add(text.substring(start, end).stripTrailing());
            start = end;
            while (start < len && text.charAt(start) == ' ') {
                start++;
            }
        }
    }
}
