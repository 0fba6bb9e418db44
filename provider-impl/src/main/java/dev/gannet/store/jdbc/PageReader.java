package dev.gannet.store.jdbc;

import dev.gannet.store.PagedMessage;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads pages of the queues' stored backlogs on a connection and a thread of its own, so that a read neither waits
 * behind the {@link GroupCommitWriter}'s queued writes nor splits its groups, and the writer never waits for a read.
 * It reads committed rows only ({@link Connection#TRANSACTION_READ_COMMITTED}): a row whose write has not committed
 * yet is either waited for (its lock is held until the group commits) or not met; the paging cursor of each queue
 * expects exactly that. One read at a time, in the order asked; the answered future completes on the reader's thread.
 * The store asks for a read once the writes submitted before it are committed ({@link GroupCommitWriter#afterSubmitted}).
 */
final class PageReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);
    /** Queued by {@link #close}: the reads before it run, then the thread ends. */
    private static final Runnable STOP = () -> { };

    private final String storeName;
    private final Connection connection;
    private final PreparedStatement select;
    private final BlockingQueue<Runnable> reads = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closing; // guarded by this: no read is queued behind STOP

    /** Reads through {@code connection}, which it owns from now on. */
    PageReader(String storeName, Connection connection, SqlStatements sql) throws SQLException {
        this.storeName = storeName;
        this.connection = connection;
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        this.select = connection.prepareStatement(sql.get("select.page"));
        this.thread = new Thread(this::loop, "gannet-store-" + storeName + "-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            Runnable read;
            try {
                read = reads.take();
            } catch (InterruptedException e) {
                return;
            }
            if (read == STOP) {
                return;
            }
            read.run();
        }
    }

    /** See {@link dev.gannet.store.MessageStore#page}. */
    CompletableFuture<List<PagedMessage>> page(long queueId, int priority, long afterId, long beforeId, int limit) {
        CompletableFuture<List<PagedMessage>> rows = new CompletableFuture<>();
        Runnable read = () -> {
            List<PagedMessage> page;
            try {
                page = read(queueId, priority, afterId, beforeId, limit);
            } catch (SQLException | RuntimeException e) {
                rollback();
                rows.completeExceptionally(new StoreException("Cannot read the stored backlog of queue " + queueId
                        + " in store " + storeName + ": " + e.getMessage(), e));
                return;
            }
            rows.complete(page);
        };
        synchronized (this) {
            if (closing) {
                rows.completeExceptionally(new StoreException("The store " + storeName + " is closed", null));
            } else {
                reads.add(read);
            }
        }
        return rows;
    }

    private List<PagedMessage> read(long queueId, int priority, long afterId, long beforeId, int limit)
            throws SQLException {
        List<PagedMessage> rows = new ArrayList<>(Math.min(limit, 4096));
        select.setLong(1, queueId);
        select.setShort(2, (short) priority);
        select.setLong(3, afterId);
        select.setLong(4, beforeId);
        select.setInt(5, limit);
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new PagedMessage(new StoredMessage(rs.getLong(2), rs.getShort(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getBytes(7), rs.getInt(8)), rs.getInt(1)));
            }
        }
        connection.commit();
        return rows;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Store {}: rolling back a failed page read failed too: {}", storeName, e.getMessage());
        }
    }

    /** Finishes the reads asked for, then closes the connection; reads asked for later fail. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            reads.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            select.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Store {}: closing the page reader's connection failed: {}", storeName, e.getMessage());
        }
    }
}
