package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.eibench.metrics.LabelMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java PNG decoder against OpenCV's libpng, pixel for pixel. */
class PngDecoderTest {

    @TempDir
    Path tmp;

    /**
     * A PNG written here with a chosen filter per row (cycling through {@code filters}), so every filter type meets
     * every colour type and depth; OpenCV's own encoder only ever writes the Sub filter.
     */
    static byte[] encode(int w, int h, int colorType, int depth, byte[] samples, int[] filters, int level,
                         int idatChunk) {
        int channels = switch (colorType) {
            case 0 -> 1;
            case 2 -> 3;
            case 6 -> 4;
            default -> throw new IllegalArgumentException();
        };
        int bpp = channels * depth / 8;
        int rb = w * bpp;
        byte[] raw = new byte[h * (rb + 1)];
        for (int y = 0; y < h; y++) {
            int f = filters[y % filters.length];
            raw[y * (rb + 1)] = (byte) f;
            for (int i = 0; i < rb; i++) {
                int x = samples[y * rb + i] & 0xff;
                int a = i >= bpp ? samples[y * rb + i - bpp] & 0xff : 0;
                int b = y > 0 ? samples[(y - 1) * rb + i] & 0xff : 0;
                int c = y > 0 && i >= bpp ? samples[(y - 1) * rb + i - bpp] & 0xff : 0;
                int pred = switch (f) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    default -> paeth(a, b, c);
                };
                raw[y * (rb + 1) + 1 + i] = (byte) (x - pred);
            }
        }
        Deflater d = new Deflater(level);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        byte[] zs = z.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = new byte[13];
        be32(ihdr, 0, w);
        be32(ihdr, 4, h);
        ihdr[8] = (byte) depth;
        ihdr[9] = (byte) colorType;
        chunk(out, "IHDR", ihdr, 0, 13);
        chunk(out, "tEXt", "Comment\0test".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 12);
        for (int at = 0; at < zs.length || at == 0; at += idatChunk) {
            chunk(out, "IDAT", zs, at, Math.min(idatChunk, zs.length - at));
        }
        chunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }

    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static void be32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data, int off, int len) {
        byte[] head = new byte[8];
        be32(head, 0, len);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, head, 4, 4);
        out.writeBytes(head);
        out.write(data, off, len);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, off, len);
        byte[] c = new byte[4];
        be32(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    /** Noise, smooth ramps and flat runs: every filter's arithmetic wraps and every Paeth branch is taken. */
    static byte[] samples(int n, SplittableRandom rnd) {
        byte[] s = new byte[n];
        int mode = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            s[i] = (byte) switch (mode) {
                case 0 -> rnd.nextInt(256);
                case 1 -> (i * 7 + (i / 13) * 3) + rnd.nextInt(3);
                default -> (i / 97) % 5 == 0 ? rnd.nextInt(256) : 200;
            };
        }
        return s;
    }

    @Test
    void everyFilterDepthAndColourTypeDecodesAsOpenCvDoes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(18);
        int[][] filterSets = {{0}, {1}, {2}, {3}, {4}, {0, 1, 2, 3, 4}, {4, 3, 2, 1, 0, 4, 4}};
        int cases = 0;
        for (int colorType : new int[] {0, 2, 6}) {
            for (int depth : new int[] {8, 16}) {
                for (int[] filters : filterSets) {
                    for (int[] size : new int[][] {{1, 1}, {1, 9}, {2, 3}, {7, 5}, {33, 17}, {130, 70}}) {
                        int ch = colorType == 0 ? 1 : colorType == 2 ? 3 : 4;
                        int n = size[0] * size[1] * ch * depth / 8;
                        byte[] png = encode(size[0], size[1], colorType, depth, samples(n, rnd), filters,
                                rnd.nextInt(10), 1 + rnd.nextInt(600));
                        String name = "t" + colorType + "-" + depth + "-" + Arrays.toString(filters) + "-"
                                + size[0] + "x" + size[1] + ".png";
                        assertThat(PngDecoder.header(png)).as(name).isNotNull();
                        assertSameAsOpenCv(png, name);
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(3 * 2 * 7 * 6);
    }

    @Test
    void largeImagesSpanSeveralInflateBlocks() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        // 64 KB blocks: 300 rows of 1537 bytes are seven blocks, the last one short.
        byte[] png = encode(512, 300, 2, 8, samples(512 * 300 * 3, rnd), new int[] {1, 4, 2, 3}, 6, 8192);
        assertSameAsOpenCv(png, "large.png");
        byte[] depth = encode(640, 200, 0, 16, samples(640 * 200 * 2, rnd), new int[] {1}, 1, 1 << 20);
        assertSameAsOpenCv(depth, "depth.png");
    }

    @Test
    void openCvWrittenPngsDecodeAsOpenCvDoes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int ch : new int[] {1, 3}) {
            float[] d = new float[97 * 41 * ch];
            for (int i = 0; i < d.length; i++) {
                d[i] = rnd.nextInt(65536);
            }
            var im = new org.eibench.metrics.FloatImage(97, 41, ch, d);
            assertSameAsOpenCv(ImageFiles.encodePng16(im), "cv16-" + ch + ".png");
            assertSameAsOpenCv(ImageFiles.encodePng8(im.quantized8()), "cv8-" + ch + ".png");
        }
    }

    /** Every PNG the repository carries (masks, depth maps, photos, palette files that stay with OpenCV). */
    @Test
    void theRepositorysPngsDecodeAsOpenCvDoes() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        for (String dir : new String[] {"data", "metrics/src/test/resources"}) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".png")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        int java = 0;
        for (Path f : files) {
            byte[] png = Files.readAllBytes(f);
            if (PngDecoder.header(png) != null) {
                java++;
            }
            assertSameAsOpenCv(png, f.toString());
        }
        assertThat(java).as("files the Java decoder takes").isGreaterThan(60);
    }

    private void assertSameAsOpenCv(byte[] png, String name) throws IOException {
        ImageFiles.Decoded ours = ImageFiles.decode(png, name);
        ImageFiles.Decoded cv = ImageFiles.decodeWithOpenCv(png, name);
        assertThat(ours.bitDepth()).as(name).isEqualTo(cv.bitDepth());
        assertThat(ours.image().channels()).as(name).isEqualTo(cv.image().channels());
        assertThat(ours.image().width()).as(name).isEqualTo(cv.image().width());
        assertThat(Arrays.equals(ours.image().data(), cv.image().data())).as(name).isTrue();
        if (PngDecoder.header(png) != null && PngDecoder.header(png).fileChannels() == 1) {
            Path f = tmp.resolve("labels.png");
            Files.write(f, png);
            LabelMap labels = ImageFiles.readLabels(f);
            assertThat(labels).as(name).isEqualTo(ImageFiles.labelsWithOpenCv(png, name));
        }
    }

    @Test
    void palettesInterlacingAndTransparencyStayWithOpenCv() throws IOException {
        byte[] png = encode(4, 4, 2, 8, new byte[48], new int[] {0}, 6, 100);
        byte[] interlaced = png.clone();
        interlaced[28] = 1;
        assertThat(PngDecoder.header(interlaced)).isNull();
        byte[] palette = png.clone();
        palette[25] = 3;
        assertThat(PngDecoder.header(palette)).isNull();
        byte[] grayAlpha = png.clone();
        grayAlpha[25] = 4;
        assertThat(PngDecoder.header(grayAlpha)).isNull();
        byte[] low = png.clone();
        low[24] = 4;
        assertThat(PngDecoder.header(low)).isNull();
        // tRNS after IHDR: libpng would add an alpha channel.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        chunk(out, "tRNS", new byte[6], 0, 6);
        out.write(png, 33, png.length - 33);
        assertThat(PngDecoder.header(out.toByteArray())).isNull();
        assertThat(PngDecoder.header(png)).isNotNull();
    }

    @Test
    void damagedImageDataNamesTheFile() {
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] full = encode(64, 64, 0, 8, samples(64 * 64, rnd), new int[] {1}, 6, 1 << 20);
        // The compressed stream cut short, with valid CRCs: fewer rows than the header promises.
        byte[] zs = idat(full);
        byte[] cut = withIdat(full, Arrays.copyOf(zs, zs.length / 2));
        assertThatThrownBy(() -> ImageFiles.decode(cut, "cut.png")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cut.png: damaged PNG (its compressed image data: truncated");
        // A complete stream with fewer rows than the header promises.
        Deflater short3 = new Deflater();
        short3.setInput(new byte[65 * 3]);
        short3.finish();
        byte[] z3 = new byte[1000];
        int n3 = short3.deflate(z3);
        assertThatThrownBy(() -> ImageFiles.decode(withIdat(full, Arrays.copyOf(z3, n3)), "rows.png"))
                .isInstanceOf(IOException.class).hasMessage("rows.png: damaged PNG (its image data ends after 3 of 64 rows)");
        // A wrong Adler-32 trailer.
        byte[] bad = zs.clone();
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> ImageFiles.decode(withIdat(full, bad), "adler.png")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("adler.png: damaged PNG (its compressed image data");
        // A filter type byte of 5, re-compressed so that only the filter is wrong.
        byte[] raw = new byte[64 * 65];
        raw[65 * 3] = 5;
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] z = new byte[1000];
        int n = d.deflate(z);
        assertThatThrownBy(() -> ImageFiles.decode(withIdat(full, Arrays.copyOf(z, n)), "filter.png"))
                .isInstanceOf(IOException.class).hasMessage("filter.png: damaged PNG (row 3 has filter type 5, not 0-4)");
    }

    @Test
    void imageDataSplitOverManyChunksDecodesAsInOneAndItsDamageIsFound() throws IOException {
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] full = encode(50, 40, 2, 8, samples(50 * 40 * 3, rnd), new int[] {0, 1, 2, 3, 4}, 6, 1 << 20);
        byte[] zs = idat(full);
        float[] whole = ImageFiles.decode(withIdat(full, zs), "one.png").image().data();
        byte[] bad = zs.clone();
        bad[bad.length - 1] ^= 1;
        for (int size : new int[] {1, 2, 7, 100, 1000, zs.length - 1}) {
            byte[] split = withIdatChunks(full, zs, size);
            assertThat(ImageFiles.decode(split, "split.png").image().data()).as("chunks of %d bytes", size).isEqualTo(whole);
            assertSameAsOpenCv(split, "split.png, chunks of " + size);
            byte[] cut = withIdatChunks(full, Arrays.copyOf(zs, zs.length / 2), size);
            assertThatThrownBy(() -> ImageFiles.decode(cut, "cut.png")).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cut.png: damaged PNG (its compressed image data: truncated");
            assertThatThrownBy(() -> ImageFiles.decode(withIdatChunks(full, bad, size), "adler.png"))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("adler.png: damaged PNG (its compressed image data");
        }
    }

    /** {@link #withIdat}, the data split into IDAT chunks of {@code size} bytes with an empty one after the first. */
    private static byte[] withIdatChunks(byte[] png, byte[] z, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        for (int at = 0; at < z.length; at += size) {
            chunk(out, "IDAT", z, at, Math.min(size, z.length - at));
            if (at == 0) {
                chunk(out, "IDAT", z, 0, 0);
            }
        }
        chunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }

    @Test
    void aLabelImageWithThreeChannelsIsRefusedNamingTheFile() throws IOException {
        byte[] rgb = encode(4, 4, 2, 8, new byte[48], new int[] {0}, 6, 100);
        Path f = tmp.resolve("rgb-labels.png");
        Files.write(f, rgb);
        assertThatThrownBy(() -> ImageFiles.readLabels(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + " must be a one-channel label image, got 3 channels");
    }

    /** The contents of the IDAT chunks, in order (the zlib stream). */
    private static byte[] idat(byte[] png) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        for (int pos = PngDecoder.header(png).firstIdat(); pos + 8 <= png.length; ) {
            int length = ImageHeader.be32(png, pos);
            String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                z.write(png, pos + 8, length);
            }
            pos += 12 + length;
        }
        return z.toByteArray();
    }

    /** The same PNG with its image data replaced by {@code z} in one IDAT chunk (IHDR kept, valid CRCs). */
    private static byte[] withIdat(byte[] png, byte[] z) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        chunk(out, "IDAT", z, 0, z.length);
        chunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }
}
