package org.eibench.metrics.distribution;

/**
 * numpy's legacy {@code np.random.RandomState(seed)} as far as KID's subsets need it: MT19937 seeded by
 * {@code init_genrand(seed)}, and {@code choice(n, m, replace=False)}, which numpy (1.x legacy generator) computes as
 * {@code permutation(n)[:m]}: a Fisher-Yates shuffle of {@code arange(n)} from the last element down, each swap
 * partner drawn by {@code random_interval(i)} (32-bit draws masked to the next power of two minus one, rejected
 * while above {@code i}). Our own code after the published algorithms (Matsumoto and Nishimura 1998; numpy's
 * {@code distributions.c random_interval}); DistributionGoldenTest checks the indices against numpy.
 */
final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, not " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** genrand_int32 as an unsigned value. */
    long nextUint32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** A uniform integer in [0, max] by masked rejection (max below 2^32). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /** {@code choice(n, m, replace=False)}: the first m of a shuffled {@code arange(n)}. */
    int[] choice(int n, int m) {
        if (m > n || m < 0) {
            throw new IllegalArgumentException("cannot take " + m + " of " + n + " without replacement");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, m);
    }
}
