package org.eibench.metrics.depth;

/**
 * {@code Math.log} and {@code Math.log10} remembered by argument, per thread. Depth maps read from PNGs hold a few
 * thousand distinct values (whole millimetres up to 10 m), and the errors take four logarithms per valid pixel, about
 * two thirds of an NYU frame's cost; here most of them are a table lookup. Exact: the same functions of the same
 * doubles. A direct-mapped table (a slot per hash of the bits, the newest argument wins), so values that are all
 * different (an aligned prediction) only cost the hash besides the logarithms.
 */
final class LogCache {

    private static final int BITS = 14;
    private static final ThreadLocal<LogCache> PER_THREAD = ThreadLocal.withInitial(LogCache::new);

    /** The bits of the argument in each slot; -1 is a NaN, never the finite positive arguments asked for. */
    private final long[] keys = new long[1 << BITS];
    final double[] ln = new double[1 << BITS];
    final double[] log10 = new double[1 << BITS];

    private LogCache() {
        java.util.Arrays.fill(keys, -1L);
    }

    static LogCache get() {
        return PER_THREAD.get();
    }

    /** The slot holding {@code x}'s logarithms; read them before the next call, which may reuse the slot. */
    int slot(double x) {
        long b = Double.doubleToRawLongBits(x);
        int h = (int) ((b * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
        if (keys[h] != b) {
            keys[h] = b;
            ln[h] = Math.log(x);
            log10[h] = Math.log10(x);
        }
        return h;
    }
}
