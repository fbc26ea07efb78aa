package app.regulars.tables;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tag-list rule of decision 0023 and what Excel's number formats say a cell is. */
class ListCellsAndFormatsTest {
    private static final String TAGS = ";,，；、|";

    @Test
    void aTagHoldingASeparatorOrAQuoteIsQuotedAndSplitsBackWhole() {
        List<String> tags = List.of("VIP", "Smith, Jones", "a;b", "茶友、常客", "5\" pot", "\"quoted\"", "x|y", "plain tag");
        String cell = ListCells.join(tags);

        assertThat(cell).isEqualTo("VIP;\"Smith, Jones\";\"a;b\";\"茶友、常客\";\"5\"\" pot\";\"\"\"quoted\"\"\";\"x|y\";plain tag");
        assertThat(ListCells.split(cell, TAGS)).isEqualTo(tags);
    }

    @Test
    void aCellWithoutQuotesSplitsAsItAlwaysDid() {
        assertThat(ListCells.split("常客、绿茶; VIP ,wholesale|老客户，新客", TAGS))
                .containsExactly("常客", "绿茶", "VIP", "wholesale", "老客户", "新客");
        assertThat(ListCells.split("  ", TAGS)).isEmpty();
        assertThat(ListCells.split(null, TAGS)).isEmpty();
        assertThat(ListCells.split("a;;b;", TAGS)).containsExactly("a", "b");
        assertThat(ListCells.split("5\" pot;b", TAGS)).containsExactly("5\" pot", "b"); // a quote inside an item is a quote
    }

    @Test
    void excelDateFormatsByTheirNumberOrTheirLetters() {
        assertThat(XlsxRows.kind(14, "mm-dd-yy")).isEqualTo(XlsxRows.Kind.DATE);
        assertThat(XlsxRows.kind(31, null)).isEqualTo(XlsxRows.Kind.DATE); // yyyy"年"m"月"d"日" of Chinese Excel
        assertThat(XlsxRows.kind(57, null)).isEqualTo(XlsxRows.Kind.DATE);
        assertThat(XlsxRows.kind(22, "m/d/yy h:mm")).isEqualTo(XlsxRows.Kind.DATE_TIME);
        assertThat(XlsxRows.kind(20, "h:mm")).isEqualTo(XlsxRows.Kind.TIME);
        assertThat(XlsxRows.kind(176, "yyyy\"年\"m\"月\"d\"日\"")).isEqualTo(XlsxRows.Kind.DATE);
        assertThat(XlsxRows.kind(177, "[$-804]yyyy/m/d h:mm")).isEqualTo(XlsxRows.Kind.DATE_TIME);
        assertThat(XlsxRows.kind(0, null)).isEqualTo(XlsxRows.Kind.NUMBER);
        assertThat(XlsxRows.kind(11, "0.00E+00")).isEqualTo(XlsxRows.Kind.NUMBER);
        assertThat(XlsxRows.kind(178, "0.00\" 元\"")).isEqualTo(XlsxRows.Kind.NUMBER);
        assertThat(XlsxRows.kind(179, "[Red]#,##0.00;-#,##0.00")).isEqualTo(XlsxRows.Kind.NUMBER);
        assertThat(XlsxRows.kind(180, "000000")).isEqualTo(XlsxRows.Kind.NUMBER);
    }
}
