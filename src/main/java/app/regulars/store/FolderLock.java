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
 * A second Regulars that finds the folder held waits while the holder is closing (the marker file
 * {@value #CLOSING} exists: decision 0041), else is told the folder is open elsewhere.
 */
final class FolderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);
    static final String FILE = Database.FILE_NAME + ".lock";
    /**
     * Exists while the holder closes the folder (from the window hidden: the work under way, the
     * backup at close, the compaction; up to a minute or two at 100,000 customers): a second
     * Regulars then waits instead of being refused.
     */
    static final String CLOSING = Database.FILE_NAME + ".closing";
    private static final long POLL_MS = 200;
    /** How long a waiting open still tries for the folder once the closer's mark is gone (it lets go right after). */
    private static final long RELEASE_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder, waiting at most {@code closingWait} while another process closes it; a
     * {@code UserException} ({@code store.error.locked}) if another process has it open.
     */
    static FolderLock acquire(Path directory, Duration closingWait) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserException(e, "store.error.unwritable", directory.toString());
        }
        long deadline = System.nanoTime() + closingWait.toNanos();
        boolean waited = false;
        long markGoneAt = 0; // when the closer's mark was first seen gone after waiting for it
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
                        LOG.info("The other process finished closing {}", directory);
                    }
                    return new FolderLock(channel, lock);
                }
                boolean marked = closing(directory);
                if (marked) {
                    markGoneAt = 0;
                } else if (waited && markGoneAt == 0) {
                    markGoneAt = System.nanoTime(); // the closer takes its mark away just before it lets the folder go
                }
                boolean lettingGo = !marked && waited && System.nanoTime() - markGoneAt < RELEASE_GRACE_NANOS;
                if (!marked && !lettingGo || System.nanoTime() - deadline > 0) {
                    channel.close();
                    throw new UserException("store.error.locked", directory.toString());
                }
                if (!waited) {
                    LOG.info("Another process is closing {} (a backup, a compaction); waiting for it", directory);
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

    /** Whether a process closing {@code directory} has marked it so (a stale mark of a killed one is removed at the next open). */
    static boolean closing(Path directory) {
        return Files.exists(directory.resolve(CLOSING));
    }

    /** Marks the folder as closing: a Regulars opening it meanwhile waits (call while holding the folder). */
    static void markClosing(Path directory) throws IOException {
        Files.write(directory.resolve(CLOSING), new byte[0]);
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
