package io.augur.server.command;

/**
 * What one warming did.
 *
 * @param candidates hot keys considered
 * @param cached     already in the store (nothing to do)
 * @param loaded     fetched from the origin and stored
 * @param failed     the origin failed or did not have them
 */
public record WarmResult(int candidates, int cached, int loaded, int failed) {
}
