package org.eibench.metrics.depth;

/**
 * {@code Math.log} and {@code Math.log10} remembered by argument, per thread. Depth maps read from PNGs hold a few
 * thousand distinct values (whole millimetres up to 10 m), and the errors take four logarithms per valid pixel, about
 * two thirds of an NYU frame's cost; here most of them are a table lookup. Exact: the same functions of the same
 * doubles, a slot holding one argument and its two logarithms (the newest argument wins).
 *
 * <p>{@link #get()}'s table is for ground truth and unaligned predictions, and its {@link #slot} is the value itself
 * in 1/1024 m steps (modulo the table's size), not a hash of its bits: depth maps are spatially smooth, so the pixels
 * of a row look up neighbouring slots, and a slot's key and logarithms sit together in one cache line. Millimetres
 * are 1.024 steps apart, so the 10,000 of 1 mm..10 m all have slots of their own and an NYU frame misses only on its
 * first sight of a value. Aligned predictions can be any density of values (a scale of 0.5 puts two in each step,
 * which would evict each other and the ground truth's at every pixel), so they have {@link #aligned()}'s table of
 * their own, slotted by {@link #hashedSlot}, a hash of the bits. Values that are all different (random data) only
 * cost the slot's arithmetic besides the logarithms.
 */
final class LogCache {

    private static final int BITS = 14;
    private static final int MASK = (1 << BITS) - 1;
    /** Slots per metre (per unit of the argument). */
    private static final double SCALE = 1024;
    private static final ThreadLocal<LogCache> PER_THREAD = ThreadLocal.withInitial(LogCache::new);
    private static final ThreadLocal<LogCache> ALIGNED = ThreadLocal.withInitial(LogCache::new);

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

    /** This thread's table for ground truth and unaligned predictions, used through {@link #slot}. */
    static LogCache get() {
        return PER_THREAD.get();
    }

    /** This thread's table for aligned predictions, used through {@link #hashedSlot}. */
    static LogCache aligned() {
        return ALIGNED.get();
    }

    /**
     * The slot holding {@code x}'s logarithms, chosen by value: ln at {@code table[slot + 1]}, log10 at {@code
     * table[slot + 2]}; read them before the next call, which may reuse the slot.
     */
    int slot(double x) {
        // (int) of a huge or NaN argument saturates or gives 0: any slot will do, the key check keeps it exact
        return fill(((int) (x * SCALE) & MASK) << 2, x);
    }

    /** As {@link #slot}, the slot chosen by a hash of the bits (Fibonacci hashing, as before slots by value). */
    int hashedSlot(double x) {
        return fill((int) ((Double.doubleToRawLongBits(x) * 0x9E3779B97F4A7C15L) >>> (64 - BITS)) << 2, x);
    }

    private int fill(int s, double x) {
        double[] t = table;
        if (!(t[s] == x)) {
            t[s] = x;
            t[s + 1] = Math.log(x);
            t[s + 2] = Math.log10(x);
        }
        return s;
    }
}
