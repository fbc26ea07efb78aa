package app.regulars.app.team;

import app.regulars.i18n.Messages;
import app.regulars.store.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The choice of store kept in the data folder (no password in it), and the form that makes it. */
class StoreChoiceTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutAChoiceHasNoneAndAChoiceIsReadBackAsWritten() throws Exception {
        assertThat(StoreChoice.read(dir)).isEmpty();
        StoreChoice.LOCAL.write(dir);
        assertThat(StoreChoice.read(dir)).contains(StoreChoice.LOCAL);

        ServerAddress server = ServerAddress.parse("postgresql://anna@shop-server:5433/regulars?sslmode=verify-full&sslrootcert=/etc/shop/root.crt");
        StoreChoice.server(server).write(dir);
        StoreChoice read = StoreChoice.read(dir).orElseThrow();
        assertThat(read.server()).contains(server);
        assertThat(read.server().orElseThrow().params()).containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/etc/shop/root.crt");
        java.util.Properties kept = new java.util.Properties();
        try (var in = Files.newBufferedReader(dir.resolve(StoreChoice.FILE_NAME))) {
            kept.load(in);
        }
        assertThat(kept.stringPropertyNames()).containsExactlyInAnyOrder("store", "server"); // the address only, never a password
    }

    @Test
    void anAddressThatCannotBeReadIsNoChoice() throws Exception {
        Files.writeString(dir.resolve(StoreChoice.FILE_NAME), "store=server\nserver=shop-server/regulars\n");
        assertThat(StoreChoice.read(dir)).isEmpty();
    }

    @Test
    void theFormSaysWhatIsMissingAndBuildsTheAddressWithItsSecureConnection() {
        StoreForm form = new StoreForm(new Messages(Locale.ENGLISH));
        assertThat(form.choice()).contains(StoreChoice.LOCAL);
        form.sharedProperty().set(true);
        assertThat(form.choice()).isEmpty();
        assertThat(form.problemProperty().get()).startsWith("Type the name or address of the server");
        form.hostProperty().set("shop-server");
        form.portProperty().set("70000");
        assertThat(form.choice()).isEmpty();
        assertThat(form.problemProperty().get()).contains("1 to 65535");
        form.portProperty().set("5432");
        form.tlsProperty().set(StoreForm.Tls.VERIFY_FULL);
        form.rootCertificateProperty().set("/etc/shop/root.crt");
        ServerAddress address = form.choice().orElseThrow().server().orElseThrow();
        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(address.toString()).isEqualTo("regulars@shop-server:5432/regulars");
        assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://shop-server:5432/regulars?sslmode=verify-full&sslrootcert=%2Fetc%2Fshop%2Froot.crt");

        StoreForm again = new StoreForm(new Messages(Locale.SIMPLIFIED_CHINESE));
        again.load(StoreChoice.server(address));
        assertThat(again.tlsProperty().get()).isEqualTo(StoreForm.Tls.VERIFY_FULL);
        assertThat(again.choice().orElseThrow().server()).contains(address);
        again.hostProperty().set(" ");
        assertThat(again.choice()).isEmpty();
        assertThat(again.problemProperty().get()).startsWith("请输入服务器的名称或地址");
    }
}
