package org.eibench.imaging;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;

/**
 * A zlib (RFC 1950) / DEFLATE (RFC 1951) decoder in pure Java, written to be faster than java.util.zip.Inflater (zlib
 * through JNI) on PNG image data, whose decoding is otherwise bound by inflate.
 *
 * <p>The design follows the ideas of libdeflate's decoder (Eric Biggers, lib/deflate_decompress.c and
 * lib/decompress_template.h), written anew here:
 * <ul>
 * <li>the bit buffer is a {@code long} in a local variable, refilled 8 bytes at a time with one little-endian load and no
 * branch ("bitsleft |= 56": libdeflate's REFILL_BITS_BRANCHLESS); the bits above the count are the next input byte's,
 * so ORing the same byte in again later is harmless;</li>
 * <li>one decode table per Huffman code, indexed by the next 10 (literal/length) or 8 (distance) bits, with subtables for
 * longer codewords; each int entry packs the flags, the literal or the length/distance base, the codeword length and
 * the codeword-plus-extra-bits length, so one lookup and one shift decode a literal or a whole length;</li>
 * <li>up to five literal entries are decoded per refill, and a length, its distance and their extra bits fit in one
 * refill. Beyond libdeflate: a main-table entry can hold two literals when both codewords fit in the table's 10 bits;
 * lengths whose codeword and extra bits fit are expanded in the table, so their extra bits cost nothing; Adler-32 is
 * computed 32 bytes per step in 16-bit lanes. (Tried and left out, as slower on the depth and photo PNGs in A/B runs
 * in one JVM, and no faster on the label maps: entries holding a literal and the following length, also with a
 * distance of 1 to 4, in the one loop or in a second loop used only for run-length blocks; an 11-bit table; looking
 * the first entry up before the refill.)</li>
 * <li>matches are copied 8 bytes at a time when the distance is at least 8, and a distance of 1 (the only distance
 * zlib's Z_RLE strategy emits, which OpenCV uses for PNG) is a fill with a replicated long;</li>
 * <li>the fast loop runs while at least 16 input bytes and 276 output bytes remain; a careful loop, one symbol at a time
 * with byte-wise refills and bounded output, finishes the block near either end. Past the end of the input the careful
 * refill supplies zero bytes, and decoding that consumed any of them is reported as truncated.</li>
 * </ul>
 *
 * <p>Acceptance follows zlib 1.2.13 (inflate.c, inftrees.c): over-subscribed code-length sets are refused; incomplete
 * literal/length and distance codes are refused unless they consist of a single code of length 1 (inftrees.c
 * "if (left > 0 && (type == CODES || max != 1))"); a distance code with no lengths at all is accepted (an error only if
 * a match then occurs); more than 286 literal/length or 30 distance codes, a repeat with no previous length, a repeat
 * past the end, a missing end-of-block code, literal/length symbols 286/287 and distance symbols 30/31, a distance
 * before the start of the output and a wrong Adler-32 are refused. Differences from zlib: a code-length code with all
 * lengths zero is refused at once (zlib builds a table that decodes every symbol as length 0, which then always ends in
 * "missing end-of-block", so only the message and the point of failure differ); a preset dictionary (FDICT) is refused
 * with an exception where Inflater reports needsDictionary(); and where zlib would wait for more input, this throws
 * "truncated". INFLATE_STRICT's distance limit is not applied (zlib's default build does not either).
 */
final class Inflate {

    /** Whether the stream was decoded to its end (and its Adler-32 checked), and how many bytes were written. */
    record Result(int written, boolean streamEnded) {
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    // Literal entries (negative): bits 0..5 bits to consume; bit 6 two literals; bits 8..15 the first literal;
    // bits 16..23 the second; bits 24..27 the first literal's codeword length. Two-literal entries (both codewords
    // within the main table's bits) are an addition to libdeflate's design, which decodes one literal per lookup.
    // Other table entry layout (int):
    //   bits 0..5   bits to consume: codeword length plus extra bits (for a subtable pointer: the main table's bits)
    //   bits 8..11  codeword length (where the extra bits start); for a subtable pointer: the subtable's index bits
    //   bit 13      end of block;  bit 14 subtable pointer;  bit 15 exceptional (EOB, subtable or invalid)
    //   bits 16..30 literal, length base, distance base, code-length symbol, or subtable start
    //   bit 31      literal (so a literal entry is negative)
    private static final int DOUBLE = 1 << 6;
    // A length entry whose extra bits are still to be read (bit 12, with EXC). Lengths whose codeword and extra bits
    // fit in the main table's bits are expanded there, one entry per extra-bits value, and are plain entries: the
    // length is e >>> 16 and the bits to consume are e & 63.
    private static final int LENX = 1 << 12;
    private static final int EOB = 1 << 13;
    private static final int SUB = 1 << 14;
    private static final int EXC = 1 << 15;
    private static final int LIT = 1 << 31;

    private static final int LITLEN_BITS = 10;
    private static final int DIST_BITS = 8;
    private static final int PRECODE_BITS = 7;
    private static final int LITLEN_MASK = (1 << LITLEN_BITS) - 1;
    private static final int DIST_MASK = (1 << DIST_BITS) - 1;
    // zlib's examples/enough.c gives 1334 entries for (288 symbols, root 10 bits) and 402 for (32 symbols, root 8
    // bits); the builder checks the room it uses, so a miscount would be an exception, not an overrun.
    private static final int LITLEN_TABLE_SIZE = 2048;
    private static final int DIST_TABLE_SIZE = 402;

    // The builder's scratch: long codewords [0, 288), short literals [288, 544), a copy of the main table after that.
    private static final int WORK_LITERALS = 288;
    private static final int WORK_SINGLE = 288 + 256;
    private static final int WORK_SIZE = WORK_SINGLE + (1 << LITLEN_BITS);

    private static final int KIND_LITLEN = 0;
    private static final int KIND_DIST = 1;
    private static final int KIND_PRECODE = 2;

    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
        83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
        5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
        11, 12, 12, 13, 13};
    /** The order of the code-length code's lengths in a dynamic block header (RFC 1951, 3.2.7). */
    private static final int[] PRECODE_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final int[] FIXED_LITLEN = new int[LITLEN_TABLE_SIZE];
    private static final int[] FIXED_DIST = new int[DIST_TABLE_SIZE];

    static {
        int[] lens = new int[288];
        Arrays.fill(lens, 0, 144, 8);
        Arrays.fill(lens, 144, 256, 9);
        Arrays.fill(lens, 256, 280, 7);
        Arrays.fill(lens, 280, 288, 8);
        int[] dl = new int[32];
        Arrays.fill(dl, 5);
        try {
            build(lens, 0, 288, FIXED_LITLEN, LITLEN_BITS, KIND_LITLEN, new int[WORK_SIZE]);
            build(dl, 0, 32, FIXED_DIST, DIST_BITS, KIND_DIST, new int[WORK_SIZE]);
        } catch (DataFormatException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int BLOCK_DONE = 0;
    private static final int OUTPUT_FULL = 1;

    // Decoder state between the block loop and the block decoders; the hot loop keeps copies in locals.
    private final byte[] in;
    private final int inEnd;
    private int ip;
    private long bitbuf;
    private int bitsleft;
    private final byte[] out;
    private final int outStart;
    private final int outEnd;
    private int op;

    private Inflate(byte[] in, int ip, int inEnd, byte[] out, int outStart, int outEnd) {
        this.in = in;
        this.ip = ip;
        this.inEnd = inEnd;
        this.out = out;
        this.outStart = outStart;
        this.outEnd = outEnd;
        this.op = outStart;
    }

    /**
     * Decodes the zlib stream in[off, off+len) into out[outOff, outOff+outLen). Returns the number of bytes written.
     * Stops when the stream ends or out is full. Reports via the returned Result whether the stream's end (with a
     * verified Adler-32) was reached.
     */
    static Result zlib(byte[] in, int off, int len, byte[] out, int outOff, int outLen) throws DataFormatException {
        Objects.checkFromIndexSize(off, len, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (len < 2) {
            throw new DataFormatException("truncated zlib stream (no 2-byte header)");
        }
        int cmf = in[off] & 0xff;
        int flg = in[off + 1] & 0xff;
        // The order of the checks is zlib's (inflate.c, state HEAD).
        if ((cmf << 8 | flg) % 31 != 0) {
            throw new DataFormatException("incorrect zlib header check");
        }
        if ((cmf & 0x0f) != 8) {
            throw new DataFormatException("unknown compression method " + (cmf & 0x0f) + " in zlib header");
        }
        if ((cmf >>> 4) > 7) {
            throw new DataFormatException("invalid window size in zlib header (CINFO " + (cmf >>> 4) + ")");
        }
        if ((flg & 0x20) != 0) {
            throw new DataFormatException("zlib stream needs a preset dictionary, which is not supported");
        }
        return new Inflate(in, off + 2, off + len, out, outOff, outOff + outLen).run();
    }

    private Result run() throws DataFormatException {
        int[] litlen = null;
        int[] dist = null;
        int[] lens = null;
        int[] pre = null;
        int[] work = null;
        while (true) {
            int header = bits(3);
            boolean last = (header & 1) != 0;
            int type = header >>> 1;
            int status;
            if (type == 0) {
                status = stored();
            } else if (type == 1) {
                status = huffman(FIXED_LITLEN, FIXED_DIST);
            } else if (type == 2) {
                if (litlen == null) {
                    litlen = new int[LITLEN_TABLE_SIZE];
                    dist = new int[DIST_TABLE_SIZE];
                    lens = new int[286 + 30 + 138];
                    pre = new int[1 << PRECODE_BITS];
                    work = new int[WORK_SIZE];
                }
                dynamicHeader(litlen, dist, lens, pre, work);
                status = huffman(litlen, dist);
            } else {
                throw error("invalid block type 3");
            }
            if (status == OUTPUT_FULL) {
                return new Result(op - outStart, false);
            }
            if (last) {
                break;
            }
        }
        // The Adler-32 trailer starts at the next byte boundary.
        alignAndUnread();
        if (inEnd - ip < 4) {
            throw new DataFormatException("truncated zlib stream (the Adler-32 trailer is missing)");
        }
        int stored = (in[ip] & 0xff) << 24 | (in[ip + 1] & 0xff) << 16 | (in[ip + 2] & 0xff) << 8 | (in[ip + 3] & 0xff);
        if (adler32(out, outStart, op - outStart) != stored) {
            throw new DataFormatException("incorrect data check (Adler-32 of the inflated data does not match)");
        }
        return new Result(op - outStart, true);
    }

    /**
     * Adler-32 (RFC 1950, 8.2) of b[off, off+len), 8 bytes per step: with x0..x7 the bytes of a little-endian long,
     * s1 += x0 + ... + x7 and s2 += 8*s1 + 8*x0 + 7*x1 + ... + 1*x7. The byte sums come from 16-bit lanes (even and odd
     * bytes), the weighted sum from one multiply that dots the lane sums (x0+x1, ..., x6+x7) with (7, 5, 3, 1), plus
     * the even bytes once more. Long accumulators take 1 MiB between reductions modulo 65521 without overflow.
     * Faster than java.util.zip.Adler32 (zlib's scalar adler32 through JNI) on this machine.
     */
    static int adler32(byte[] b, int off, int len) {
        final long lanes = 0x00FF00FF00FF00FFL;
        final long ones = 0x0001000100010001L;
        final long weights = 1L | 3L << 16 | 5L << 32 | 7L << 48;
        long s1 = 1;
        long s2 = 0;
        int p = off;
        int end = off + len;
        while (p < end) {
            int chunkEnd = p + Math.min(end - p, 1 << 20);
            int fastEnd = p + ((chunkEnd - p) & ~7);
            // 32 bytes per step: lane sums A = p0+p1+p2+p3 and B = 3p0+2p1+p2 (the later steps' extra weight of
            // 8 per step still to come), all lanes below 2^16, and four multiplies.
            for (; p + 32 <= fastEnd; p += 32) {
                long x0 = (long) LONG_LE.get(b, p);
                long x1 = (long) LONG_LE.get(b, p + 8);
                long x2 = (long) LONG_LE.get(b, p + 16);
                long x3 = (long) LONG_LE.get(b, p + 24);
                long e0 = x0 & lanes;
                long e1 = x1 & lanes;
                long e2 = x2 & lanes;
                long e3 = x3 & lanes;
                long a = e0 + ((x0 >>> 8) & lanes);
                long bsum = a;
                a += e1 + ((x1 >>> 8) & lanes);
                bsum += a;
                a += e2 + ((x2 >>> 8) & lanes);
                bsum += a;
                a += e3 + ((x3 >>> 8) & lanes);
                long e = e0 + e1 + e2 + e3;
                s2 += (s1 << 5) + ((a * weights) >>> 48) + ((e * ones) >>> 48) + (((bsum * ones) >>> 48) << 3);
                s1 += (a * ones) >>> 48;
            }
            for (; p < fastEnd; p += 8) {
                long x = (long) LONG_LE.get(b, p);
                long even = x & lanes;
                long pair = even + ((x >>> 8) & lanes);
                s2 += (s1 << 3) + ((pair * weights) >>> 48) + ((even * ones) >>> 48);
                s1 += (pair * ones) >>> 48;
            }
            for (; p < chunkEnd; p++) {
                s1 += b[p] & 0xff;
                s2 += s1;
            }
            s1 %= 65521;
            s2 %= 65521;
        }
        return (int) (s2 << 16 | s1);
    }

    // ---- careful bit reading, for headers and the slow path ----

    /** Fills the bit buffer to at least 56 bits; past the end of the input it adds zero bytes (at most 8). */
    private void refillSlow() throws DataFormatException {
        long bb = bitbuf;
        int bl = bitsleft;
        int p = ip;
        while (bl <= 55) {
            if (p < inEnd) {
                bb |= (in[p] & 0xffL) << bl;
            } else if (p - inEnd >= 8) {
                throw new DataFormatException("truncated deflate stream");
            }
            p++;
            bl += 8;
        }
        bitbuf = bb;
        bitsleft = bl;
        ip = p;
    }

    /** Throws "truncated" if decoding has consumed any of the zero bytes supplied past the end of the input. */
    private static void checkOverrun(int ip, int inEnd, int bitsleft) throws DataFormatException {
        if (ip > inEnd && (ip - inEnd) * 8 > bitsleft) {
            throw new DataFormatException("truncated deflate stream (the input ends inside the compressed data)");
        }
    }

    private int bits(int n) throws DataFormatException {
        if (bitsleft < n) {
            refillSlow();
        }
        int v = (int) (bitbuf & ((1L << n) - 1));
        bitbuf >>>= n;
        bitsleft -= n;
        checkOverrun(ip, inEnd, bitsleft);
        return v;
    }

    /** An error for malformed data, reported as truncation when the data read so far ran past the end of the input. */
    private DataFormatException error(String message) {
        if (ip > inEnd) {
            return new DataFormatException("truncated deflate stream (" + message + " after the end of the input)");
        }
        return new DataFormatException(message);
    }

    /** Drops the bits up to the next byte boundary and gives the whole bytes still in the bit buffer back to the input. */
    private void alignAndUnread() throws DataFormatException {
        bitsleft -= bitsleft & 7;
        ip -= bitsleft >>> 3;
        bitsleft = 0;
        bitbuf = 0;
        if (ip > inEnd) {
            throw new DataFormatException("truncated deflate stream");
        }
    }

    // ---- blocks ----

    private int stored() throws DataFormatException {
        alignAndUnread();
        if (inEnd - ip < 4) {
            throw new DataFormatException("truncated deflate stream (in a stored block's header)");
        }
        int len = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8;
        int nlen = (in[ip + 2] & 0xff) | (in[ip + 3] & 0xff) << 8;
        if (len != (~nlen & 0xffff)) {
            throw new DataFormatException("invalid stored block lengths");
        }
        ip += 4;
        int room = outEnd - op;
        int avail = inEnd - ip;
        int n = Math.min(len, room);
        if (avail < n) {
            throw new DataFormatException("truncated deflate stream (in a stored block)");
        }
        System.arraycopy(in, ip, out, op, n);
        ip += n;
        op += n;
        return n < len ? OUTPUT_FULL : BLOCK_DONE;
    }

    private void dynamicHeader(int[] litlen, int[] dist, int[] lens, int[] pre, int[] work)
            throws DataFormatException {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        if (nlen > 286 || ndist > 30) {
            throw error("too many length or distance symbols");
        }
        Arrays.fill(lens, 0, 19, 0);
        for (int i = 0; i < ncode; i++) {
            lens[PRECODE_ORDER[i]] = bits(3);
        }
        build(lens, 0, 19, pre, PRECODE_BITS, KIND_PRECODE, null);
        // The code lengths, with the bit buffer in locals: a codeword (at most 7 bits) and its repeat count's extra
        // bits (at most 7) need 14 bits; 8-byte refills while the input lasts, the careful refill near its end.
        int n = 0;
        int total = nlen + ndist;
        long bb = bitbuf;
        int bl = bitsleft;
        int p = ip;
        final int fastEnd = inEnd - 8;
        while (n < total) {
            if (bl < 14) {
                if (p <= fastEnd) {
                    bb |= (long) LONG_LE.get(in, p) << bl;
                    p += (63 - bl) >>> 3;
                    bl |= 56;
                } else {
                    bitbuf = bb;
                    bitsleft = bl;
                    ip = p;
                    refillSlow();
                    bb = bitbuf;
                    bl = bitsleft;
                    p = ip;
                }
            }
            int e = pre[(int) bb & ((1 << PRECODE_BITS) - 1)];
            int cl = e & 63;
            bb >>>= cl;
            bl -= cl;
            int sym = e >>> 16;
            if (sym < 16) {
                lens[n++] = sym;
                continue;
            }
            int value;
            int rep;
            if (sym == 16) {
                value = n == 0 ? -1 : lens[n - 1];
                rep = 3 + ((int) bb & 3);
                bb >>>= 2;
                bl -= 2;
            } else if (sym == 17) {
                value = 0;
                rep = 3 + ((int) bb & 7);
                bb >>>= 3;
                bl -= 3;
            } else {
                value = 0;
                rep = 11 + ((int) bb & 127);
                bb >>>= 7;
                bl -= 7;
            }
            if (value < 0 || n + rep > total) {
                bitbuf = bb;
                bitsleft = bl;
                ip = p;
                throw error(value < 0 ? "invalid bit length repeat (no previous length)"
                        : "invalid bit length repeat (past the last length)");
            }
            Arrays.fill(lens, n, n + rep, value);
            n += rep;
        }
        bitbuf = bb;
        bitsleft = bl;
        ip = p;
        checkOverrun(ip, inEnd, bitsleft);
        if (lens[256] == 0) {
            throw error("invalid code -- missing end-of-block");
        }
        build(lens, 0, nlen, litlen, LITLEN_BITS, KIND_LITLEN, work);
        build(lens, nlen, ndist, dist, DIST_BITS, KIND_DIST, work);
    }

    /**
     * Decodes one Huffman block's symbols until its end-of-block code or until out is full. The fast loop is
     * libdeflate's decompress_template.h fast loop in outline; the slow loop below it handles both buffer ends.
     */
    private int huffman(int[] litlenTable, int[] distTable) throws DataFormatException {
        final int[] lt = litlenTable;
        final int[] dt = distTable;
        final byte[] in = this.in;
        final byte[] out = this.out;
        final int outStart = this.outStart;
        final int outEnd = this.outEnd;
        long bb = bitbuf;
        int bl = bitsleft;
        int ip = this.ip;
        int op = this.op;
        // Room for two 8-byte refills (each advances at most 7 bytes) and for ten literals plus a 258-byte match
        // copied 8 bytes at a time (up to 7 bytes past its end).
        final int inFastEnd = inEnd - 16;
        final int outFastEnd = outEnd - (5 * 2 + 258 + 8);

        while (ip <= inFastEnd && op <= outFastEnd) {
            bb |= (long) LONG_LE.get(in, ip) << bl;
            ip += (63 - bl) >>> 3;
            bl |= 56;
            int e = lt[(int) bb & LITLEN_MASK];
            if (e < 0) {
                // Up to five main-table entries (at most 10 bits each) per refill, each one or two literals: the
                // 2-byte store is unconditional and op advances by the entry's literal count.
                bb >>>= e;
                bl -= e & 63;
                SHORT_LE.set(out, op, (short) (e >>> 8));
                op += 1 + ((e >>> 6) & 1);
                e = lt[(int) bb & LITLEN_MASK];
                if (e < 0) {
                    bb >>>= e;
                    bl -= e & 63;
                    SHORT_LE.set(out, op, (short) (e >>> 8));
                    op += 1 + ((e >>> 6) & 1);
                    e = lt[(int) bb & LITLEN_MASK];
                    if (e < 0) {
                        bb >>>= e;
                        bl -= e & 63;
                        SHORT_LE.set(out, op, (short) (e >>> 8));
                        op += 1 + ((e >>> 6) & 1);
                        e = lt[(int) bb & LITLEN_MASK];
                        if (e < 0) {
                            bb >>>= e;
                            bl -= e & 63;
                            SHORT_LE.set(out, op, (short) (e >>> 8));
                            op += 1 + ((e >>> 6) & 1);
                            e = lt[(int) bb & LITLEN_MASK];
                            if (e < 0) {
                                bb >>>= e;
                                bl -= e & 63;
                                SHORT_LE.set(out, op, (short) (e >>> 8));
                                op += 1 + ((e >>> 6) & 1);
                                continue;
                            }
                        }
                    }
                }
                // At least 16 bits were left, enough for the lookup above; refill for the length and distance.
                bb |= (long) LONG_LE.get(in, ip) << bl;
                ip += (63 - bl) >>> 3;
                bl |= 56;
            }
            int length;
            if ((e & EXC) != 0) {
                if ((e & SUB) != 0) {
                    bb >>>= LITLEN_BITS;
                    bl -= LITLEN_BITS;
                    e = lt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 15)) - 1))];
                    if (e < 0) {
                        bb >>>= e;
                        bl -= e & 63;
                        out[op++] = (byte) (e >>> 8);
                        continue;
                    }
                }
                if ((e & LENX) != 0) {
                    long saved = bb;
                    bb >>>= e;
                    bl -= e & 63;
                    length = (e >>> 16) + (int) ((saved & ((1L << (e & 63)) - 1)) >>> ((e >>> 8) & 15));
                } else if ((e & EOB) != 0) {
                    bb >>>= e;
                    bl -= e & 63;
                    bitbuf = bb;
                    bitsleft = bl;
                    this.ip = ip;
                    this.op = op;
                    return BLOCK_DONE;
                } else {
                    this.ip = ip;
                    throw error("invalid literal/length code");
                }
            } else {
                bb >>>= e;
                bl -= e & 63;
                length = e >>> 16;
            }

            e = dt[(int) bb & DIST_MASK];
            if ((e & EXC) != 0) {
                if ((e & SUB) != 0) {
                    bb >>>= DIST_BITS;
                    bl -= DIST_BITS;
                    e = dt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 15)) - 1))];
                }
                if ((e & EXC) != 0) {
                    this.ip = ip;
                    throw error("invalid distance code");
                }
            }
            long saved = bb;
            bb >>>= e;
            bl -= e & 63;
            int distance = (e >>> 16) + (int) ((saved & ((1L << (e & 63)) - 1)) >>> ((e >>> 8) & 15));
            if (distance > op - outStart) {
                this.ip = ip;
                throw error("invalid distance too far back");
            }
            int src = op - distance;
            int end = op + length;
            if (distance == 1) {
                long v = (out[src] & 0xffL) * 0x0101010101010101L;
                do {
                    LONG_LE.set(out, op, v);
                    op += 8;
                } while (op < end);
            } else if (distance >= 8) {
                do {
                    LONG_LE.set(out, op, (long) LONG_LE.get(out, src));
                    op += 8;
                    src += 8;
                } while (op < end);
            } else {
                do {
                    out[op++] = out[src++];
                } while (op < end);
            }
            op = end;
        }

        this.ip = ip;
        bitbuf = bb;
        bitsleft = bl;
        this.op = op;
        return huffmanSlow(lt, dt);
    }

    /** The careful loop: one symbol at a time, byte-wise refills, bounded output; kept out of the fast loop's method. */
    private int huffmanSlow(int[] lt, int[] dt) throws DataFormatException {
        final byte[] out = this.out;
        int op = this.op;
        long bb;
        int bl;
        while (true) {
            if (bitsleft < 48) {
                refillSlow();
            }
            bb = bitbuf;
            bl = bitsleft;
            int e = lt[(int) bb & LITLEN_MASK];
            if ((e & SUB) != 0 && e >= 0) {
                bb >>>= LITLEN_BITS;
                bl -= LITLEN_BITS;
                e = lt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 15)) - 1))];
            }
            if (e < 0) {
                if (op >= outEnd) {
                    this.op = op;
                    return OUTPUT_FULL;
                }
                // Only the first literal of a two-literal entry: the second may not fit, or may be past the input.
                int l1 = (e >>> 24) & 15;
                bb >>>= l1;
                bl -= l1;
                checkOverrun(this.ip, inEnd, bl);
                bitbuf = bb;
                bitsleft = bl;
                out[op++] = (byte) (e >>> 8);
                continue;
            }
            int length;
            if ((e & EXC) == 0) {
                bb >>>= e;
                bl -= e & 63;
                length = e >>> 16;
            } else if ((e & LENX) != 0) {
                long saved = bb;
                bb >>>= e;
                bl -= e & 63;
                length = (e >>> 16) + (int) ((saved & ((1L << (e & 63)) - 1)) >>> ((e >>> 8) & 15));
            } else if ((e & EOB) != 0) {
                bb >>>= e;
                bl -= e & 63;
                checkOverrun(this.ip, inEnd, bl);
                bitbuf = bb;
                bitsleft = bl;
                this.op = op;
                return BLOCK_DONE;
            } else {
                throw error("invalid literal/length code");
            }
            e = dt[(int) bb & DIST_MASK];
            if ((e & SUB) != 0 && (e & EXC) != 0) {
                bb >>>= DIST_BITS;
                bl -= DIST_BITS;
                e = dt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 15)) - 1))];
            }
            if ((e & EXC) != 0) {
                throw error("invalid distance code");
            }
            long saved = bb;
            bb >>>= e;
            bl -= e & 63;
            int distance = (e >>> 16) + (int) ((saved & ((1L << (e & 63)) - 1)) >>> ((e >>> 8) & 15));
            checkOverrun(this.ip, inEnd, bl);
            bitbuf = bb;
            bitsleft = bl;
            if (distance > op - outStart) {
                throw error("invalid distance too far back");
            }
            int n = Math.min(length, outEnd - op);
            int src = op - distance;
            for (int i = 0; i < n; i++) {
                out[op + i] = out[src + i];
            }
            op += n;
            if (n < length) {
                this.op = op;
                return OUTPUT_FULL;
            }
        }
    }

    // ---- decode tables ----

    /**
     * Builds the decode table for the canonical Huffman code with lengths lens[off, off+n) (RFC 1951, 3.2.2), checking
     * it as zlib's inftrees.c does. Codewords longer than tableBits go to subtables after the main table, one per
     * tableBits-bit prefix, as wide as that prefix's longest codeword needs.
     */
    private static void build(int[] lens, int off, int n, int[] table, int tableBits, int kind, int[] work)
            throws DataFormatException {
        int[] count = new int[16];
        for (int i = 0; i < n; i++) {
            count[lens[off + i]]++;
        }
        count[0] = 0;
        int max = 15;
        while (max > 0 && count[max] == 0) {
            max--;
        }
        int mainSize = 1 << tableBits;
        int invalid = EXC | tableBits << 8 | tableBits;
        if (max == 0) {
            if (kind == KIND_PRECODE) {
                throw new DataFormatException("invalid code lengths set (no code-length codes)");
            }
            // zlib accepts an empty distance code; any use of it is an error (the litlen code always has end-of-block).
            Arrays.fill(table, 0, mainSize, invalid);
            return;
        }
        int left = 1;
        for (int len = 1; len <= 15; len++) {
            left <<= 1;
            left -= count[len];
            if (left < 0) {
                throw new DataFormatException(kindName(kind) + " (over-subscribed)");
            }
        }
        if (left > 0 && (kind == KIND_PRECODE || max != 1)) {
            throw new DataFormatException(kindName(kind) + " (incomplete)");
        }
        int[] next = new int[16];
        int code = 0;
        for (int len = 1; len <= 15; len++) {
            code = (code + count[len - 1]) << 1;
            next[len] = code;
        }
        // A complete code covers every main-table entry (by a codeword or a subtable) and every subtable entry; only
        // the incomplete single-codeword code (max == 1) leaves entries to mark invalid.
        if (left > 0) {
            Arrays.fill(table, 0, mainSize, invalid);
        }
        int nLong = 0;
        int nLit = 0;
        for (int s = 0; s < n; s++) {
            int len = lens[off + s];
            if (len == 0) {
                continue;
            }
            int rev = Integer.reverse(next[len]++) >>> (32 - len);
            if (kind == KIND_LITLEN && s < 256 && len < tableBits) {
                work[WORK_LITERALS + nLit++] = rev << 4 | len;
            }
            if (len <= tableBits) {
                if (kind == KIND_LITLEN && s > 256 && s < 286 && len + LEN_EXTRA[s - 257] <= tableBits) {
                    int x = LEN_EXTRA[s - 257];
                    int total = len + x;
                    for (int v = 0; v < 1 << x; v++) {
                        int entry = (LEN_BASE[s - 257] + v) << 16 | total << 8 | total;
                        for (int i = rev | v << len; i < mainSize; i += 1 << total) {
                            table[i] = entry;
                        }
                    }
                    continue;
                }
                int entry = entry(kind, s, len);
                for (int i = rev; i < mainSize; i += 1 << len) {
                    table[i] = entry;
                }
            } else {
                work[nLong++] = rev << 9 | s;
            }
        }
        if (nLong == 0) {
            if (kind == KIND_LITLEN) {
                pairLiterals(table, tableBits, work, nLit);
            }
            return;
        }
        // Long codewords: one subtable per main-table prefix, as wide as the prefix's longest codeword needs. The
        // prefixes' main entries are free until then, so they hold the longest length while it is found.
        int mask = mainSize - 1;
        for (int k = 0; k < nLong; k++) {
            table[(work[k] >>> 9) & mask] = 0;
        }
        for (int k = 0; k < nLong; k++) {
            int p = (work[k] >>> 9) & mask;
            table[p] = Math.max(table[p], lens[off + (work[k] & 511)]);
        }
        int pos = mainSize;
        for (int k = 0; k < nLong; k++) {
            int p = (work[k] >>> 9) & mask;
            int v = table[p];
            if (v <= 15) {
                int subBits = v - tableBits;
                if (pos + (1 << subBits) > table.length) {
                    throw new DataFormatException(kindName(kind) + " (decode table overflow)");
                }
                table[p] = EXC | SUB | pos << 16 | subBits << 8 | tableBits;
                pos += 1 << subBits;
            }
        }
        for (int k = 0; k < nLong; k++) {
            int s = work[k] & 511;
            int rev = work[k] >>> 9;
            int len = lens[off + s];
            int ptr = table[rev & mask];
            int start = ptr >>> 16;
            int subBits = (ptr >>> 8) & 15;
            int entry = entry(kind, s, len - tableBits);
            for (int i = rev >>> tableBits; i < 1 << subBits; i += 1 << (len - tableBits)) {
                table[start + i] = entry;
            }
        }
        if (kind == KIND_LITLEN) {
            pairLiterals(table, tableBits, work, nLit); // after the subtable pointers: it reads any main-table entry
        }
    }

    /**
     * Turns each main-table entry of a literal whose index bits also hold a whole second literal codeword into a
     * two-literal entry. For the literal with codeword rev (len bits), index rev | k << len has k as the bits after
     * it, and the one-symbol entry at index k is right for every value of the unknown high bits when its codeword
     * fits in the known tableBits - len bits. The one-symbol entries are read from a copy of the main table; going
     * literal by literal makes the inner loop short. Branch-free: which entries pair up depends on the data, and a
     * mispredicted branch per entry cost more than the unconditional store.
     */
    private static void pairLiterals(int[] table, int tableBits, int[] work, int nLit) {
        int mainSize = 1 << tableBits;
        System.arraycopy(table, 0, work, WORK_SINGLE, mainSize);
        for (int j = 0; j < nLit; j++) {
            int rec = work[WORK_LITERALS + j];
            int len = rec & 15;
            int rev = rec >>> 4;
            int e1 = work[WORK_SINGLE + rev];
            int base = LIT | len << 24 | (e1 & 0xff00) | DOUBLE;
            int count = 1 << (tableBits - len);
            for (int k = 0; k < count; k++) {
                int e2 = work[WORK_SINGLE + k];
                int l = len + (e2 & 63);
                int m = (e2 & (l - tableBits - 1)) >> 31;
                table[rev | k << len] = ((base | (e2 & 0xff00) << 8 | l) & m) | (e1 & ~m);
            }
        }
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case KIND_LITLEN -> "invalid literal/lengths set";
            case KIND_DIST -> "invalid distances set";
            default -> "invalid code lengths set";
        };
    }

    /** The table entry for symbol s whose codeword has cl bits (in this table level). */
    private static int entry(int kind, int s, int cl) {
        if (kind == KIND_PRECODE) {
            return s << 16 | cl << 8 | cl;
        }
        if (kind == KIND_LITLEN) {
            if (s < 256) {
                return LIT | cl << 24 | s << 8 | cl;
            }
            if (s == 256) {
                return EXC | EOB | cl << 8 | cl;
            }
            if (s > 285) {
                return EXC | cl << 8 | cl;
            }
            return EXC | LENX | LEN_BASE[s - 257] << 16 | cl << 8 | (cl + LEN_EXTRA[s - 257]);
        }
        if (s >= 30) {
            return EXC | cl << 8 | cl;
        }
        return DIST_BASE[s] << 16 | cl << 8 | (cl + DIST_EXTRA[s]);
    }
}
