package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * Per-user sessions: 128 users (one client each) read concurrently; a session is
 * {@code user:<u>:profile}, {@code user:<u>:cart}, then one of the user's own recurring routes
 * through the catalog ({@code product:<n>}, 4-12 of them), the user's favourite routes more often
 * (Zipf); 10% of product reads are a random product instead. Learnable per user: cart after profile,
 * and each route's order once its first product is read. Not learnable: which route a session takes,
 * the noise, and anything across users (their reads interleave at random).
 */
public final class PerUserWorkload implements Workload {

    private static final int USERS = 128;

    /** Products in one route: uniform in [MIN, MAX]. */
    private static final int ROUTE_MIN_PRODUCTS = 4;
    private static final int ROUTE_MAX_PRODUCTS = 12;

    /** Share of product reads that leave the route for a random product. */
    private static final double NOISE = 0.1;

    /** Zipf exponent of a user's choice among its routes. */
    private static final double ROUTE_SKEW = 0.8;

    /**
     * Route products per distinct key asked for: the catalog is sparse (route products rarely
     * collide), so with the noise reads the distinct count comes out near {@code keys} at 200,000
     * reads (measured: 60,000 keys asked, 58,352 read).
     */
    private static final double ROUTE_PRODUCTS_PER_KEY = 1.2;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int meanRoute = (ROUTE_MIN_PRODUCTS + ROUTE_MAX_PRODUCTS) / 2;
        int routesPerUser = Math.max(1, (int) (keys * ROUTE_PRODUCTS_PER_KEY / (USERS * meanRoute)));
        int catalog = Math.max(1, 4 * keys);
        int[][][] routes = new int[USERS][routesPerUser][];
        for (int u = 0; u < USERS; u++) {
            for (int r = 0; r < routesPerUser; r++) {
                int[] products = new int[ROUTE_MIN_PRODUCTS + random.nextInt(ROUTE_MAX_PRODUCTS - ROUTE_MIN_PRODUCTS + 1)];
                for (int j = 0; j < products.length; j++) {
                    products[j] = random.nextInt(catalog);
                }
                routes[u][r] = products;
            }
        }
        Zipf favourite = new Zipf(routesPerUser, ROUTE_SKEW);
        int[] route = new int[USERS];
        int[] position = new int[USERS]; // -2: profile next, -1: cart next, else the route's product
        for (int u = 0; u < USERS; u++) {
            position[u] = -2;
        }
        for (int i = 0; i < reads; i++) {
            int u = random.nextInt(USERS);
            if (position[u] == -2) {
                sink.read(u, "user:" + u + ":profile");
                route[u] = favourite.next(random);
            } else if (position[u] == -1) {
                sink.read(u, "user:" + u + ":cart");
            } else {
                int product = random.nextDouble() < NOISE ? random.nextInt(catalog) : routes[u][route[u]][position[u]];
                sink.read(u, "product:" + product);
            }
            position[u]++;
            if (position[u] >= routes[u][route[u]].length) {
                position[u] = -2;
            }
        }
    }
}
