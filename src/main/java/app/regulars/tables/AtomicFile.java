package app.regulars.tables;

import app.regulars.i18n.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file the app writes for the user: written beside its target, then moved into place,
 * so the file is either whole or untouched (a full disk or a cancel leaves the old one).
 */
public final class AtomicFile {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    /** What goes into the file, written to a stream that the caller closes; returns a count for the caller. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code content} to {@code file} (replaced); a failure is a {@code UserException} naming the file. */
    public static <T> T write(Path file, Content<T> content) {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            T result;
            try (OutputStream out = Files.newOutputStream(temp)) {
                result = content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(e, "exchange.error.write", target.toString());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}", temp, e);
                }
            }
        }
    }
}
