package app.regulars.tables;

import app.regulars.i18n.UserException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFilesTest {
    private static final String CSV = "姓名,手机,备注\n王小明,13812345678,喜欢绿茶，不要糖\n";

    @Test
    void readsUtf8WithoutBom() {
        TextFiles.Text t = TextFiles.decode(CSV.getBytes(StandardCharsets.UTF_8), "f.csv");
        assertThat(t.content()).isEqualTo(CSV);
        assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void stripsUtf8Bom() {
        byte[] body = CSV.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        assertThat(TextFiles.decode(bytes, "f.csv").content()).isEqualTo(CSV);
    }

    @Test
    void readsGbk() {
        TextFiles.Text t = TextFiles.decode(CSV.getBytes(java.nio.charset.Charset.forName("GBK")), "f.csv");
        assertThat(t.content()).isEqualTo(CSV);
        assertThat(t.charset()).isEqualTo(TextFiles.GB18030);
    }

    @Test
    void refusesUtf16WithoutBomAsAnEncodingProblem() {
        assertThatThrownBy(() -> TextFiles.decode(CSV.getBytes(StandardCharsets.UTF_16LE), "f.csv"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("exchange.error.encoding");
    }

    @Test
    void refusesBinaryJunk() {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        assertThatThrownBy(() -> TextFiles.decode(junk, "f.bin"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isIn("exchange.error.encoding", "exchange.error.notText");
    }

    @Test
    void refusesLatin1TextThatIsNeitherUtf8NorChinese() {
        byte[] latin1 = "name\nJosé Müller, Ærø Straße\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TextFiles.decode(latin1, "f.csv"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("exchange.error.encoding");
    }

    @Test
    void refusesTextWithNulBytes() {
        byte[] bytes = "name\nA\0B\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TextFiles.decode(bytes, "f.csv"))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("exchange.error.notText");
    }
}
