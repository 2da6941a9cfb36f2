package io.augur.server.store;

/** noeviction: writes past the bound are refused with OOM. */
final class NoEviction implements Eviction {

    @Override
    public boolean evictOne(byte[] protectedKey, long nowMillis) {
        return false;
    }
}
