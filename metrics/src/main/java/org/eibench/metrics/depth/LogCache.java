package org.eibench.metrics.depth;

/**
 * {@code Math.log} and {@code Math.log10} remembered by argument, per thread. Depth maps read from PNGs hold a few
 * thousand distinct values (whole millimetres up to 10 m), and the errors take four logarithms per valid pixel, about
 * two thirds of an NYU frame's cost; here most of them are a table lookup. Exact: the same functions of the same
 * doubles, a slot holding one argument and its two logarithms (the newest argument wins).
 *
 * <p>The slot is the value itself in 1/1024 m steps (modulo the table's size), not a hash of its bits: depth maps are
 * spatially smooth, so the pixels of a row look up neighbouring slots, and a slot's key and logarithms sit together
 * in one cache line. Millimetres are 1.024 steps apart, so the 10,000 of 1 mm..10 m all have slots of their own and
 * an NYU frame misses only on its first sight of a value. Values that are all different (an aligned prediction,
 * random data) only cost the slot's arithmetic besides the logarithms.
 */
final class LogCache {

    private static final int BITS = 14;
    private static final int MASK = (1 << BITS) - 1;
    /** Slots per metre (per unit of the argument). */
    private static final double SCALE = 1024;
    private static final ThreadLocal<LogCache> PER_THREAD = ThreadLocal.withInitial(LogCache::new);

    /**
     * Four doubles per slot: the argument, its ln, its log10, padding (32 bytes, two slots per cache line). The key is
     * compared with {@code ==}: a NaN key (the initial one) never matches, and -0.0 matching 0.0 is harmless since
     * both have the same logarithms (-Infinity).
     */
    final double[] table = new double[4 << BITS];

    private LogCache() {
        for (int s = 0; s < table.length; s += 4) {
            table[s] = Double.NaN;
        }
    }

    static LogCache get() {
        return PER_THREAD.get();
    }

    /**
     * The slot holding {@code x}'s logarithms: ln at {@code table[slot + 1]}, log10 at {@code table[slot + 2]}; read
     * them before the next call, which may reuse the slot.
     */
    int slot(double x) {
        // (int) of a huge or NaN argument saturates or gives 0: any slot will do, the key check keeps it exact
        int s = ((int) (x * SCALE) & MASK) << 2;
        double[] t = table;
        if (!(t[s] == x)) {
            t[s] = x;
            t[s + 1] = Math.log(x);
            t[s + 2] = Math.log10(x);
        }
        return s;
    }
}
