package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.tables.AtomicFile;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data folder as the file system treats it: readable only by its user (700, its files 600)
 * where POSIX permissions exist; a folder that cannot be written refuses a save with a message
 * that says so, and what was stored before is all there once it can be written again.
 */
class FolderFaultsTest {
    @TempDir
    Path dir;

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void theDataFolderAndItsFilesAreReadableOnlyByTheirUser() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path data = dir.resolve("new").resolve("data");
        try (AppContext ctx = AppContext.open(data)) {
            ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (var files = Files.list(data)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).extracting(p -> p.getFileName().toString()).contains("regulars.mv.db");
            for (Path f : regular) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.getFileName().toString()).isEqualTo("rw-------");
            }
        }
        // a file the app writes for the user (an export) is theirs alone too
        Path export = dir.resolve("out").resolve("customers.csv");
        AtomicFile.write(export, out -> {
            out.write("x".getBytes(StandardCharsets.UTF_8));
            return 1;
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
    }

    @Test
    void aDataFileThatWasWorldReadableIsRestrictedWhenTheStoreOpens() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path data = dir.resolve("data");
        try (AppContext ctx = AppContext.open(data)) {
            ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build());
        }
        Files.setPosixFilePermissions(data.resolve("regulars.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (AppContext ctx = AppContext.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("regulars.mv.db")))).isEqualTo("rw-------");
    }

    @Test
    void aReadOnlyFolderRefusesTheSaveWithAClearMessageAndLosesNothing() throws Exception {
        Path data = dir.resolve("data");
        try (AppContext ctx = AppContext.open(data)) {
            ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build());
        }
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "name,phone\n李芳,13912345678\n", StandardCharsets.UTF_8);
        ReadOnly readOnly = ReadOnly.make(data);
        assumeTrue(readOnly != null, "a folder can be made read-only here (chmod, or chattr +i as root)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = Cli.run(data, Locale.ENGLISH, out, err, "import", "customers", csv.toString());
        } finally {
            readOnly.undo();
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Regulars cannot write to the folder " + data).doesNotContain("Something went wrong");
        try (AppContext ctx = AppContext.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(1);
        }
    }

    /** A folder and its files made read-only: by their permissions, or for root (whom permissions do not stop) by chattr +i. */
    record ReadOnly(Path folder, boolean immutable) {
        static ReadOnly make(Path folder) throws IOException, InterruptedException {
            if (!posix(folder)) {
                return null;
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            if (!root) {
                try (var files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
                    }
                }
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
                return new ReadOnly(folder, false);
            }
            return chattr("+i", folder) ? new ReadOnly(folder, true) : null;
        }

        void undo() throws IOException, InterruptedException {
            if (immutable) {
                chattr("-i", folder);
            } else {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                try (var files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                    }
                }
            }
        }

        private static boolean chattr(String flag, Path folder) throws IOException, InterruptedException {
            List<String> cmd = new java.util.ArrayList<>(List.of("chattr", flag, folder.toString()));
            try (var files = Files.list(folder)) {
                files.forEach(f -> cmd.add(f.toString()));
            }
            try {
                return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
            } catch (IOException e) {
                return false; // no chattr
            }
        }
    }
}
