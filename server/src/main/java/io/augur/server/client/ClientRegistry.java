package io.augur.server.client;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients, by id, plus connection counters for INFO. */
public final class ClientRegistry {

    private final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong connectionsReceived = new AtomicLong();
    private final AtomicLong rejectedConnections = new AtomicLong();

    public long nextId() {
        return nextId.getAndIncrement();
    }

    public void add(ClientSession session) {
        connectionsReceived.incrementAndGet();
        clients.put(session.id(), session);
    }

    public void remove(ClientSession session) {
        clients.remove(session.id());
    }

    public void rejected() {
        connectionsReceived.incrementAndGet();
        rejectedConnections.incrementAndGet();
    }

    public ClientSession get(long id) {
        return clients.get(id);
    }

    public Collection<ClientSession> all() {
        return clients.values();
    }

    public int connected() {
        return clients.size();
    }

    public long connectionsReceived() {
        return connectionsReceived.get();
    }

    public long rejectedConnections() {
        return rejectedConnections.get();
    }

    public void resetStats() {
        connectionsReceived.set(0);
        rejectedConnections.set(0);
    }
}
