package app.regulars.store;

import app.regulars.i18n.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The data folder held by one process, from before H2 opens the file until after a
 * compaction at close has swapped the files ({@value #FILE}, an operating-system lock that a
 * killed process gives up at once). H2's own lock is on the data file, which the compaction
 * renames, and it is free while H2 is closed: without this lock a second Regulars could open the
 * old file between the close and the swap, and its saves would be lost with the old file.
 * A second Regulars that finds the folder held waits while the holder is compacting (the
 * marker file {@value #COMPACTING} exists), else is told the folder is open elsewhere.
 */
final class FolderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);
    static final String FILE = Database.FILE_NAME + ".lock";
    /** Exists while the holder compacts the file at close: a second Regulars then waits. */
    static final String COMPACTING = Database.FILE_NAME + ".compacting";
    private static final long POLL_MS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder, waiting at most {@code compactionWait} while another process compacts
     * its file; a {@code UserException} ({@code store.error.locked}) if another process has it open.
     */
    static FolderLock acquire(Path directory, Duration compactionWait) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserException(e, "store.error.unwritable", directory.toString());
        }
        long deadline = System.nanoTime() + compactionWait.toNanos();
        boolean waited = false;
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this same process (another Database on the folder)
                }
                if (lock != null) {
                    if (waited) {
                        LOG.info("The other process finished compacting {}", directory);
                    }
                    return new FolderLock(channel, lock);
                }
                if (!Files.exists(directory.resolve(COMPACTING)) || System.nanoTime() - deadline > 0) {
                    channel.close();
                    throw new UserException("store.error.locked", directory.toString());
                }
                if (!waited) {
                    LOG.info("Another process is compacting the data file in {}; waiting for it", directory);
                    waited = true;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new UserException(e, "store.error.locked", directory.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the lock file", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing the folder lock", e);
        }
        closeQuietly(channel);
    }
}
