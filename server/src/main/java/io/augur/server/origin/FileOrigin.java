package io.augur.server.origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin that keeps one file per key in a directory; a missing file is an absent key.
 */
final class FileOrigin implements Origin {

    /** Threads reading files: file I/O blocks, so it runs here and never on a caller's thread. */
    static final int READ_THREADS = 4;
    /** Reads waiting for a thread; beyond this they fail rather than queue without bound. */
    static final int READ_QUEUE_CALLS = 1024;
    /** Longest file name most file systems accept, in bytes. */
    static final int MAX_FILE_NAME_BYTES = 255;

    private final Path directory;
    private final OriginSettings settings;
    private final ThreadPoolExecutor readers;

    FileOrigin(Path directory, OriginSettings settings) {
        this.directory = directory.toAbsolutePath().normalize();
        this.settings = settings;
        AtomicInteger threadNumber = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(READ_THREADS, READ_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(READ_QUEUE_CALLS), runnable -> {
                    Thread thread = new Thread(runnable, "augur-origin-file-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        readers.allowCoreThreadTimeOut(true);
    }

    /** The file that holds {@code key}; always directly inside the directory. */
    Path fileFor(byte[] key) {
        if (key.length == 0) {
            throw new OriginException("key: empty (expected: at least 1 byte for a file origin)");
        }
        String name = KeyEncoding.forFileName(key);
        if (name.length() > MAX_FILE_NAME_BYTES) {
            throw new OriginException("key: " + name.length() + " bytes as a file name (expected: <= "
                    + MAX_FILE_NAME_BYTES + ")");
        }
        Path file = directory.resolve(name).normalize();
        // WARNING: the encoding already rules out separators and dot names; this check is the
        // second lock, so a future change to the encoding cannot open a path traversal.
        if (!directory.equals(file.getParent())) {
            throw new OriginException("key: resolves outside " + directory);
        }
        return file;
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        try {
            Path file = fileFor(key);
            return CompletableFuture.supplyAsync(() -> read(file), readers);
        } catch (OriginException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new OriginException(
                    "file origin: " + READ_QUEUE_CALLS + " reads queued (expected: fewer)", e));
        }
    }

    private byte[] read(Path file) {
        try {
            long size = Files.size(file);
            long max = settings.maxValueBytes();
            if (size > max) {
                throw new OriginException("value: " + size + " bytes (expected: <= " + max + ")");
            }
            byte[] value = Files.readAllBytes(file);
            // The file may have grown between size() and the read.
            if (value.length > max) {
                throw new OriginException("value: " + value.length + " bytes (expected: <= " + max + ")");
            }
            return value;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new OriginException("file origin: " + e, e);
        }
    }

    @Override
    public String describe() {
        return directory.toUri().toString();
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
