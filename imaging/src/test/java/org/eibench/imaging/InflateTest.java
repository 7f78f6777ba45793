package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

class InflateTest {

    private static final int[] SIZES = {0, 1, 7, 8, 9, 255, 65535, 65536, (1 << 20) + 3};

    // ---- data and compression ----

    private static byte[] data(String kind, int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        switch (kind) {
            case "random" -> r.nextBytes(b);
            case "repetitive" -> {
                byte[] phrase = "the quick brown fox jumps over the lazy dog; ".getBytes();
                for (int i = 0; i < n; i++) {
                    b[i] = (i % 997 < 50) ? (byte) r.nextInt(256) : phrase[i % phrase.length];
                }
            }
            case "runs" -> {
                // Long and short runs of one value: distance-1 matches (what Z_RLE emits).
                int i = 0;
                while (i < n) {
                    int len = r.nextInt(10) == 0 ? 1 + r.nextInt(2000) : 1 + r.nextInt(12);
                    byte v = (byte) r.nextInt(4);
                    for (int k = 0; k < len && i < n; k++) {
                        b[i++] = v;
                    }
                }
            }
            case "image" -> {
                // A smooth 16-bit-ish gradient with noise, row-filtered like PNG's Sub filter (small deltas).
                int width = 640;
                for (int i = 0; i < n; i++) {
                    int x = i % width;
                    b[i] = x == 0 ? 1 : (byte) (r.nextGaussian() * 3 + ((x & 1) == 0 ? 0 : 2));
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return b;
    }

    private static byte[] deflate(byte[] raw, int level, int strategy) {
        Deflater d = new Deflater(level);
        d.setStrategy(strategy);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            bos.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return bos.toByteArray();
    }

    /** What java.util.zip.Inflater makes of a stream, with an output buffer of outLen bytes. */
    private record Reference(byte[] out, boolean finished, boolean failed, boolean outputFull) {
    }

    private static Reference inflater(byte[] z, int outLen) {
        Inflater inf = new Inflater();
        inf.setInput(z);
        byte[] out = new byte[outLen];
        int n = 0;
        try {
            while (!inf.finished()) {
                int k = inf.inflate(out, n, outLen - n);
                n += k;
                if (k == 0 && (inf.needsInput() || inf.needsDictionary() || n == outLen)) {
                    break;
                }
            }
            // Output full counts as such even when the input has run out too: Inflate then returns the full buffer.
            return new Reference(Arrays.copyOf(out, n), inf.finished(), false, !inf.finished() && n == outLen
                    && !inf.needsDictionary());
        } catch (DataFormatException e) {
            return new Reference(null, false, true, false);
        } finally {
            inf.end();
        }
    }

    private static void roundTrip(byte[] raw, int level, int strategy, String what) throws DataFormatException {
        byte[] z = deflate(raw, level, strategy);
        byte[] out = new byte[raw.length + 16];
        Arrays.fill(out, (byte) 0x5a);
        Inflate.Result r = Inflate.zlib(z, 0, z.length, out, 8, raw.length);
        assertThat(r.streamEnded()).as(what).isTrue();
        assertThat(r.written()).as(what).isEqualTo(raw.length);
        Reference ref = inflater(z, raw.length);
        assertThat(ref.finished()).as(what).isTrue();
        assertThat(Arrays.equals(out, 8, 8 + raw.length, ref.out(), 0, raw.length)).as(what + ": same bytes as Inflater")
                .isTrue();
        assertThat(Arrays.equals(out, 8, 8 + raw.length, raw, 0, raw.length)).as(what).isTrue();
        // Nothing written outside the given range.
        for (int i = 0; i < 8; i++) {
            assertThat(out[i]).as(what).isEqualTo((byte) 0x5a);
            assertThat(out[8 + raw.length + i]).as(what).isEqualTo((byte) 0x5a);
        }
    }

    // ---- round trips ----

    @Test
    void roundTripsAgainstDeflaterAtEveryLevelAndStrategy() throws DataFormatException {
        int[] levels = {Deflater.NO_COMPRESSION, 1, 6, 9};
        int[] strategies = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};
        int count = 0;
        for (String kind : List.of("random", "repetitive", "runs", "image")) {
            for (int size : SIZES) {
                byte[] raw = data(kind, size, size * 31L + kind.hashCode());
                for (int level : levels) {
                    for (int strategy : strategies) {
                        if (size > 65536 && level == 9 && strategy != Deflater.DEFAULT_STRATEGY) {
                            continue; // the megabyte inputs: level 9 once is enough to keep the test fast
                        }
                        roundTrip(raw, level, strategy, kind + " size " + size + " level " + level + " strategy "
                                + strategy);
                        count++;
                    }
                }
            }
        }
        assertThat(count).isGreaterThan(400);
    }

    @Test
    void concatenatedOffsetInputIsDecodedInPlace() throws DataFormatException {
        byte[] raw = data("image", 5000, 7);
        byte[] z = deflate(raw, 6, Deflater.DEFAULT_STRATEGY);
        byte[] padded = new byte[z.length + 20];
        Arrays.fill(padded, (byte) 0xff);
        System.arraycopy(z, 0, padded, 10, z.length);
        byte[] out = new byte[raw.length];
        Inflate.Result r = Inflate.zlib(padded, 10, z.length + 10, out, 0, out.length);
        assertThat(r).isEqualTo(new Inflate.Result(raw.length, true));
        assertThat(out).isEqualTo(raw);
    }

    @Test
    void adler32MatchesJavaUtilZip() {
        Random r = new Random(9);
        for (int n : new int[] {0, 1, 7, 8, 9, 31, 32, 33, 100, 5552, 5553, 65536, 1 << 20, (1 << 20) + 13, 3 << 20}) {
            for (int fill = 0; fill < 3; fill++) {
                byte[] b = new byte[n + 3];
                if (fill == 0) {
                    r.nextBytes(b);
                } else {
                    Arrays.fill(b, (byte) (fill == 1 ? 0xff : 0)); // all 0xff: the largest sums
                }
                Adler32 a = new Adler32();
                a.update(b, 3, n);
                assertThat(Inflate.adler32(b, 3, n)).as("n " + n + " fill " + fill).isEqualTo((int) a.getValue());
            }
        }
    }

    // ---- block types ----

    private static int firstBlockType(byte[] z) {
        return (z[2] >>> 1) & 3;
    }

    @Test
    void storedFixedAndDynamicBlocksAreEachExercised() throws DataFormatException {
        byte[] small = "hello, hello, hello!".getBytes();
        byte[] stored = deflate(small, Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        byte[] fixed1 = deflate(small, 1, Deflater.DEFAULT_STRATEGY);
        byte[] fixed9 = deflate(small, 9, Deflater.DEFAULT_STRATEGY);
        byte[] big = data("image", 20000, 3);
        byte[] dynamic = deflate(big, 6, Deflater.DEFAULT_STRATEGY);
        assertThat(firstBlockType(stored)).isEqualTo(0);
        assertThat(firstBlockType(fixed1)).isEqualTo(1);
        assertThat(firstBlockType(fixed9)).isEqualTo(1);
        assertThat(firstBlockType(dynamic)).isEqualTo(2);
        for (byte[] z : List.of(stored, fixed1, fixed9)) {
            byte[] out = new byte[small.length];
            assertThat(Inflate.zlib(z, 0, z.length, out, 0, out.length).streamEnded()).isTrue();
            assertThat(out).isEqualTo(small);
        }
        byte[] out = new byte[big.length];
        assertThat(Inflate.zlib(dynamic, 0, dynamic.length, out, 0, out.length).streamEnded()).isTrue();
        assertThat(out).isEqualTo(big);
    }

    // ---- output smaller than the data ----

    @Test
    void aSmallerOutputStopsWithThePrefixAndNoStreamEnd() throws DataFormatException {
        for (String kind : List.of("random", "runs", "image", "repetitive")) {
            byte[] raw = data(kind, 70000, 11);
            for (int level : new int[] {0, 1, 6}) {
                byte[] z = deflate(raw, level, Deflater.DEFAULT_STRATEGY);
                for (int cut : new int[] {0, 1, 2, 3, 100, 257, 258, 259, 1000, 65535, 65536, 65537, 69999}) {
                    byte[] out = new byte[cut + 300];
                    Arrays.fill(out, (byte) 0x77);
                    Inflate.Result r = Inflate.zlib(z, 0, z.length, out, 0, cut);
                    String what = kind + " level " + level + " cut " + cut;
                    assertThat(r).as(what).isEqualTo(new Inflate.Result(cut, false));
                    assertThat(Arrays.equals(out, 0, cut, raw, 0, cut)).as(what).isTrue();
                    for (int i = cut; i < out.length; i++) {
                        assertThat(out[i]).as(what + " byte " + i).isEqualTo((byte) 0x77);
                    }
                }
                byte[] exact = new byte[raw.length];
                assertThat(Inflate.zlib(z, 0, z.length, exact, 0, raw.length)).isEqualTo(
                        new Inflate.Result(raw.length, true));
            }
        }
    }

    // ---- malformed streams ----

    @Test
    void aBadAdlerIsRejected() {
        byte[] raw = data("image", 3000, 5);
        byte[] z = deflate(raw, 6, Deflater.DEFAULT_STRATEGY);
        z[z.length - 1] ^= 1;
        assertThatThrownBy(() -> Inflate.zlib(z, 0, z.length, new byte[raw.length], 0, raw.length))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("incorrect data check");
    }

    @Test
    void badHeadersAreRejected() {
        byte[] z = deflate("abc".getBytes(), 6, Deflater.DEFAULT_STRATEGY);
        byte[] out = new byte[10];
        byte[] check = z.clone();
        check[1] ^= 1;
        assertThatThrownBy(() -> Inflate.zlib(check, 0, check.length, out, 0, 10)).hasMessageContaining("header check");
        byte[] method = header(0x77, z); // CM 7
        assertThatThrownBy(() -> Inflate.zlib(method, 0, method.length, out, 0, 10))
                .hasMessageContaining("compression method");
        byte[] window = header(0x88, z); // CINFO 8
        assertThatThrownBy(() -> Inflate.zlib(window, 0, window.length, out, 0, 10)).hasMessageContaining("window size");
        byte[] dict = z.clone();
        dict[1] = (byte) (dict[1] | 0x20);
        dict[1] = (byte) (dict[1] - ((((dict[0] & 0xff) << 8) | (dict[1] & 0xff)) % 31));
        assertThat((((dict[0] & 0xff) << 8) | (dict[1] & 0xff)) % 31).isZero();
        assertThatThrownBy(() -> Inflate.zlib(dict, 0, dict.length, out, 0, 10)).hasMessageContaining("dictionary");
        assertThatThrownBy(() -> Inflate.zlib(z, 0, 1, out, 0, 10)).hasMessageContaining("truncated");
    }

    /** z with CMF replaced and FLG fixed up so that the header check passes. */
    private static byte[] header(int cmf, byte[] z) {
        byte[] b = z.clone();
        b[0] = (byte) cmf;
        int flg = (b[1] & 0xe0);
        flg += 31 - ((cmf << 8 | flg) % 31);
        b[1] = (byte) flg;
        return b;
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        for (String kind : List.of("random", "image", "runs")) {
            byte[] raw = data(kind, 3000, 13);
            for (int level : new int[] {0, 1, 9}) {
                byte[] z = deflate(raw, level, Deflater.DEFAULT_STRATEGY);
                for (int cut = 0; cut < z.length; cut++) {
                    int c = cut;
                    assertThatThrownBy(() -> Inflate.zlib(z, 0, c, new byte[raw.length + 10], 0, raw.length + 10))
                            .as(kind + " level " + level + " cut " + cut).isInstanceOf(DataFormatException.class)
                            .hasMessageContaining("truncated");
                }
            }
        }
    }

    // Hand-made streams: a bit writer (RFC 1951, 3.1.1: data elements LSB first, Huffman codes MSB first).
    private static final class Bits {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int acc;
        private int n;
        private final Adler32 adler = new Adler32();

        Bits() {
            bytes.write(0x78);
            bytes.write(0x9c);
        }

        Bits put(int value, int count) {
            for (int i = 0; i < count; i++) {
                acc |= ((value >>> i) & 1) << n;
                if (++n == 8) {
                    bytes.write(acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        Bits code(int code, int len) {
            for (int i = len - 1; i >= 0; i--) {
                put((code >>> i) & 1, 1);
            }
            return this;
        }

        Bits fixedLiteral(int lit) {
            adler.update(lit);
            return lit < 144 ? code(0x30 + lit, 8) : code(0x190 + lit - 144, 9);
        }

        Bits fixedEnd() {
            return code(0, 7);
        }

        byte[] finish(boolean trailer) {
            if (n > 0) {
                put(0, 8 - n);
            }
            if (trailer) {
                long a = adler.getValue();
                bytes.write((int) (a >>> 24));
                bytes.write((int) (a >>> 16));
                bytes.write((int) (a >>> 8));
                bytes.write((int) a);
            }
            return bytes.toByteArray();
        }
    }

    @Test
    void handMadeMalformedStreamsGiveZlibsReasons() {
        byte[] type3 = new Bits().put(1, 1).put(3, 2).finish(false);
        assertRejected(type3, "invalid block type");
        // Fixed block: 'a', then length 3 (symbol 257, 7-bit code 1) at distance 2 (5-bit code 1): only 1 byte back.
        byte[] far = new Bits().put(1, 1).put(1, 2).fixedLiteral('a').code(1, 7).code(1, 5).fixedEnd().finish(true);
        assertRejected(far, "too far back");
        // Distance symbol 30 (invalid in the fixed code).
        byte[] dist30 = new Bits().put(1, 1).put(1, 2).fixedLiteral('a').code(1, 7).code(30, 5).fixedEnd()
                .finish(true);
        assertRejected(dist30, "invalid distance code");
        // Length symbol 286 (8-bit code 0xc6).
        byte[] len286 = new Bits().put(1, 1).put(1, 2).fixedLiteral('a').code(0xc6, 8).fixedEnd().finish(true);
        assertRejected(len286, "invalid literal/length code");
        byte[] storedLen = new Bits().put(1, 1).put(0, 2).finish(false);
        byte[] storedBad = Arrays.copyOf(storedLen, storedLen.length + 4);
        storedBad[storedLen.length] = 5;
        assertRejected(storedBad, "invalid stored block lengths");
        // And a sound hand-made one: 'a' + (length 3, distance 1) = "aaaa".
        byte[] ok = new Bits().put(1, 1).put(1, 2).fixedLiteral('a').code(1, 7).code(0, 5).fixedEnd().finish(false);
        Adler32 a = new Adler32();
        a.update("aaaa".getBytes());
        byte[] okFull = Arrays.copyOf(ok, ok.length + 4);
        long v = a.getValue();
        for (int i = 0; i < 4; i++) {
            okFull[ok.length + i] = (byte) (v >>> (24 - 8 * i));
        }
        assertAgrees(okFull);
        assertThat(inflater(okFull, 10).out()).isEqualTo("aaaa".getBytes());
    }

    private static void assertRejected(byte[] z, String reason) {
        assertThat(inflater(z, 100).failed()).as("Inflater refuses it too").isTrue();
        assertThatThrownBy(() -> Inflate.zlib(z, 0, z.length, new byte[100], 0, 100))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(reason);
    }

    /** A dynamic block from code lengths: the code-length code gives lengths 0..15 each a 4-bit codeword. */
    private static byte[] dynamic(int[] litlen, int[] dist, int[] symbols) {
        Bits b = new Bits().put(1, 1).put(2, 2).put(litlen.length - 257, 5).put(dist.length - 1, 5).put(15, 4);
        int[] order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
        for (int sym : order) {
            b.put(sym < 16 ? 4 : 0, 3);
        }
        for (int l : litlen) {
            b.code(l, 4);
        }
        for (int l : dist) {
            b.code(l, 4);
        }
        int[] lc = canonical(litlen);
        int[] dc = canonical(dist);
        for (int i = 0; i < symbols.length; i++) {
            int s = symbols[i];
            if (s >= 0) {
                b.code(lc[s], litlen[s]);
            } else {
                b.code(dc[-s - 1], dist[-s - 1]); // a negative number is distance symbol -s-1
            }
        }
        return b.finish(false);
    }

    private static int[] canonical(int[] lens) {
        int[] count = new int[16];
        for (int l : lens) {
            count[l]++;
        }
        count[0] = 0;
        int[] next = new int[16];
        int code = 0;
        for (int len = 1; len < 16; len++) {
            code = (code + count[len - 1]) << 1;
            next[len] = code;
        }
        int[] codes = new int[lens.length];
        for (int s = 0; s < lens.length; s++) {
            if (lens[s] != 0) {
                codes[s] = next[lens[s]]++;
            }
        }
        return codes;
    }

    private static byte[] withTrailer(byte[] z, byte[] data) {
        Adler32 a = new Adler32();
        a.update(data);
        byte[] b = Arrays.copyOf(z, z.length + 4);
        long v = a.getValue();
        for (int i = 0; i < 4; i++) {
            b[z.length + i] = (byte) (v >>> (24 - 8 * i));
        }
        return b;
    }

    @Test
    void codeCompletenessFollowsZlib() throws DataFormatException {
        int[] litlen = new int[258];
        litlen['a'] = 1;
        litlen[256] = 2;
        litlen[257] = 2;
        // A single distance code of length 1 is incomplete, and zlib accepts it.
        byte[] single = withTrailer(dynamic(litlen, new int[] {1}, new int[] {'a', 257, -1, 256}), "aaaa".getBytes());
        assertAgrees(single);
        byte[] out = new byte[4];
        assertThat(Inflate.zlib(single, 0, single.length, out, 0, 4).streamEnded()).isTrue();
        assertThat(out).isEqualTo("aaaa".getBytes());
        // No distance codes at all: accepted as long as no match uses them.
        byte[] none = withTrailer(dynamic(litlen, new int[] {0}, new int[] {'a', 256}), "a".getBytes());
        assertAgrees(none);
        assertThat(Inflate.zlib(none, 0, none.length, out, 0, 4).streamEnded()).isTrue();
        // ... and refused when one does.
        assertAgrees(withTrailer(dynamic(litlen, new int[] {0}, new int[] {'a', 257, -1, 256}), "aaaa".getBytes()));
        // Incomplete distance code with two codes of length 2: refused.
        byte[] incompleteDist = withTrailer(dynamic(litlen, new int[] {2, 2}, new int[] {'a', 257, -1, 256}),
                "aaaa".getBytes());
        assertAgrees(incompleteDist);
        assertThatThrownBy(() -> Inflate.zlib(incompleteDist, 0, incompleteDist.length, new byte[4], 0, 4))
                .hasMessageContaining("invalid distances set");
        // Over-subscribed literal/length code: refused.
        int[] over = litlen.clone();
        over['b'] = 1;
        byte[] overZ = withTrailer(dynamic(over, new int[] {1}, new int[] {256}), new byte[0]);
        assertAgrees(overZ);
        assertThatThrownBy(() -> Inflate.zlib(overZ, 0, overZ.length, new byte[4], 0, 4))
                .hasMessageContaining("invalid literal/lengths set");
        // Incomplete literal/length code (three codes of length 2): refused; a lone end-of-block code of length 1: not.
        int[] incomplete = new int[257];
        incomplete['a'] = 2;
        incomplete['b'] = 2;
        incomplete[256] = 2;
        assertAgrees(withTrailer(dynamic(incomplete, new int[] {1}, new int[] {'a', 256}), "a".getBytes()));
        int[] lone = new int[257];
        lone[256] = 1;
        byte[] loneZ = withTrailer(dynamic(lone, new int[] {1}, new int[] {256}), new byte[0]);
        assertAgrees(loneZ);
        assertThat(Inflate.zlib(loneZ, 0, loneZ.length, new byte[1], 0, 1)).isEqualTo(new Inflate.Result(0, true));
        // No end-of-block code.
        int[] noEnd = new int[258];
        noEnd['a'] = 1;
        noEnd[257] = 1;
        byte[] noEndZ = withTrailer(dynamic(noEnd, new int[] {1}, new int[] {'a'}), "a".getBytes());
        assertAgrees(noEndZ);
        assertThatThrownBy(() -> Inflate.zlib(noEndZ, 0, noEndZ.length, new byte[4], 0, 4))
                .hasMessageContaining("end-of-block");
    }

    /** Ours does what Inflater does: the same bytes when it finishes, a DataFormatException when it fails. */
    private static void assertAgrees(byte[] z) {
        int outLen = 4096;
        Reference ref = inflater(z, outLen);
        byte[] out = new byte[outLen];
        Inflate.Result r;
        try {
            r = Inflate.zlib(z, 0, z.length, out, 0, outLen);
        } catch (DataFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            if (ref.finished()) {
                fail("Inflater decodes it but Inflate throws " + e.getMessage() + ": " + hex(z));
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("Inflate threw " + e + " on " + hex(z), e);
        }
        if (ref.finished()) {
            assertThat(r.streamEnded()).as(hex(z)).isTrue();
            assertThat(Arrays.copyOf(out, r.written())).as(hex(z)).isEqualTo(ref.out());
        } else if (ref.outputFull()) {
            assertThat(r.written()).as(hex(z)).isEqualTo(outLen);
            assertThat(out).as(hex(z)).isEqualTo(ref.out());
        } else {
            fail("Inflater fails (" + (ref.failed() ? "error" : "needs input") + ") but Inflate returns " + r + ": "
                    + hex(z));
        }
    }

    private static String hex(byte[] z) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(z.length, 64); i++) {
            sb.append(String.format("%02x", z[i]));
        }
        return sb + (z.length > 64 ? "... (" + z.length + " bytes)" : "");
    }

    // ---- run-length streams, as zlib's Z_RLE strategy (OpenCV's PNG writer) makes them ----

    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
        83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
        5, 5, 0};

    /**
     * A zlib stream of data coded as Z_RLE does (java.util.zip.Deflater cannot be asked for it): each byte a literal,
     * a following run of it (3 to 258) a match at distance 1, one dynamic block whose distance code is zlib's for
     * that case, two codes of length 1.
     */
    private static byte[] rleStream(byte[] data) {
        List<int[]> tokens = new ArrayList<>(); // {symbol, extra value, extra bits}; a length is followed by distance 1
        int[] freq = new int[286];
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xff;
            tokens.add(new int[] {b, 0, 0});
            freq[b]++;
            i++;
            int run = 0;
            while (i + run < data.length && data[i + run] == (byte) b && run < 258) {
                run++;
            }
            if (run >= 3) {
                int idx = LEN_BASE.length - 1;
                while (LEN_BASE[idx] > run) {
                    idx--;
                }
                tokens.add(new int[] {257 + idx, run - LEN_BASE[idx], LEN_EXTRA[idx]});
                freq[257 + idx]++;
                i += run;
            }
        }
        freq[256]++;
        int[] litLens = huffmanLengths(freq);
        int[] lc = canonical(litLens);
        Bits w = new Bits().put(1, 1).put(2, 2).put(litLens.length - 257, 5).put(2 - 1, 5).put(15, 4);
        int[] order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
        for (int sym : order) {
            w.put(sym < 16 ? 4 : 0, 3);
        }
        for (int l : litLens) {
            w.code(l, 4);
        }
        w.code(1, 4).code(1, 4); // distance codes 0 and 1, one bit each
        for (int[] t : tokens) {
            w.code(lc[t[0]], litLens[t[0]]);
            if (t[0] > 256) {
                w.put(t[1], t[2]);
                w.code(0, 1); // distance code 0: distance 1
            }
        }
        w.code(lc[256], litLens[256]);
        return withTrailer(w.finish(false), data);
    }

    /** Huffman code lengths (at most 15; frequencies halved until they fit) for freq, at least two codes. */
    private static int[] huffmanLengths(int[] freq) {
        int[] f = freq.clone();
        int nonzero = (int) Arrays.stream(f).filter(x -> x > 0).count();
        for (int s = 0; nonzero < 2; s++) {
            if (f[s] == 0) {
                f[s] = 1;
                nonzero++;
            }
        }
        while (true) {
            int n = f.length;
            int[] parent = new int[2 * n];
            long[] weight = new long[2 * n];
            java.util.PriorityQueue<Integer> q = new java.util.PriorityQueue<>(
                    (a, b) -> weight[a] != weight[b] ? Long.compare(weight[a], weight[b]) : Integer.compare(a, b));
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    weight[s] = f[s];
                    q.add(s);
                }
            }
            int next = n;
            while (q.size() > 1) {
                int a = q.poll();
                int b = q.poll();
                weight[next] = weight[a] + weight[b];
                parent[a] = next;
                parent[b] = next;
                q.add(next++);
            }
            int root = q.poll();
            int[] lens = new int[n];
            int max = 0;
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    int d = 0;
                    for (int x = s; x != root; x = parent[x]) {
                        d++;
                    }
                    lens[s] = d;
                    max = Math.max(max, d);
                }
            }
            if (max <= 15) {
                return lens;
            }
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    f[s] = (f[s] + 1) / 2;
                }
            }
        }
    }

    /** Rows like a label map after PNG's Sub filter: a label change is a nonzero byte, runs of zeros in between. */
    private static byte[] labelRows(int width, int height, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                int run = r.nextInt(8) == 0 ? 100 + r.nextInt(600) : 1 + r.nextInt(20);
                b[y * width + x] = (byte) (r.nextInt(5) == 0 ? r.nextInt(256) : r.nextInt(6));
                x += run;
            }
        }
        return b;
    }

    @Test
    void runLengthStreamsAsZRleMakesThemDecode() throws DataFormatException {
        for (int k = 0; k < 6; k++) {
            byte[] data = k == 0 ? new byte[5000] : labelRows(64 + 200 * k, 40, k);
            byte[] z = rleStream(data);
            assertThat(firstBlockType(z)).isEqualTo(2);
            assertAgrees(z);
            assertThat(inflater(z, data.length).out()).isEqualTo(data);
            byte[] out = new byte[data.length];
            assertThat(Inflate.zlib(z, 0, z.length, out, 0, out.length)).isEqualTo(new Inflate.Result(data.length, true));
            assertThat(out).isEqualTo(data);
            for (int cut : new int[] {1, 100, 257, data.length / 2, data.length - 1}) {
                byte[] part = new byte[cut];
                assertThat(Inflate.zlib(z, 0, z.length, part, 0, cut)).isEqualTo(new Inflate.Result(cut, false));
                assertThat(part).isEqualTo(Arrays.copyOf(data, cut));
            }
        }
    }

    // ---- fuzz ----

    @Test
    void mutatedAndTruncatedStreamsAgreeWithInflater() {
        Random r = new Random(20261202);
        List<byte[]> seeds = new ArrayList<>();
        String[] kinds = {"random", "repetitive", "runs", "image"};
        for (int i = 0; i < 24; i++) {
            byte[] raw = data(kinds[i % 4], 1 + r.nextInt(3000), i);
            int level = new int[] {0, 1, 6, 9}[i / 4 % 4];
            int strategy = new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY}[i % 3];
            seeds.add(deflate(raw, level, strategy));
        }
        for (int i = 0; i < 6; i++) {
            seeds.add(rleStream(labelRows(50 + 37 * i, 20, 100 + i)));
        }
        long end = System.nanoTime() + 4_000_000_000L;
        int cases = 0;
        while (cases < 6000 && System.nanoTime() < end) {
            byte[] z = seeds.get(r.nextInt(seeds.size())).clone();
            int op = r.nextInt(6);
            if (op == 0) {
                z = Arrays.copyOf(z, r.nextInt(z.length + 1));
            } else if (op == 1) {
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    int p = 2 + r.nextInt(Math.max(1, z.length - 2));
                    if (p < z.length) {
                        z[p] ^= (byte) (1 << r.nextInt(8));
                    }
                }
            } else if (op == 2) {
                int p = 2 + r.nextInt(Math.max(1, Math.min(z.length - 2, 40)));
                if (p < z.length) {
                    z[p] = (byte) r.nextInt(256); // damage the block headers more often
                }
            } else if (op == 3) {
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    z[r.nextInt(z.length)] = (byte) r.nextInt(256);
                }
            } else if (op == 4) {
                int p = r.nextInt(z.length);
                z = Arrays.copyOf(z, Math.max(p, z.length - 1 - r.nextInt(8)));
                if (z.length > 2) {
                    z[2 + r.nextInt(z.length - 2)] ^= (byte) (1 << r.nextInt(8));
                }
            } else {
                byte[] t = new byte[2 + r.nextInt(200)];
                r.nextBytes(t);
                t[0] = 0x78;
                t[1] = (byte) 0x9c;
                z = t;
            }
            assertAgrees(z);
            cases++;
        }
        assertThat(cases).isGreaterThan(1000);
    }
}
