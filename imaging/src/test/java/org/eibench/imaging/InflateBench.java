package org.eibench.imaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Times Inflate.zlib against java.util.zip.Inflater on the IDAT data of real PNGs (not a unit test: surefire runs only
 * *Test classes). Usage: {@code InflateBench [--max N] [--seconds S] DIR_OR_PNG...}; each directory is one file set
 * (its first N PNGs in name order), loose PNG arguments form one more set. Each set is also re-compressed with
 * Deflater's default level and strategy as a second set, since OpenCV's PNGs use Z_RLE.
 *
 * <p>Both decoders run in the same JVM, alternating round by round (one round = every file of the set once), after a
 * warm-up of both; the min and median per-file times of the rounds are printed, with the ratio Inflater / Inflate.
 */
final class InflateBench {

    private record FileSet(String name, List<byte[]> streams, List<Integer> sizes) {
    }

    public static void main(String[] args) throws Exception {
        int max = 40;
        double seconds = 3;
        List<FileSet> sets = new ArrayList<>();
        List<Path> loose = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--max")) {
                max = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--seconds")) {
                seconds = Double.parseDouble(args[++i]);
            } else if (Files.isDirectory(Path.of(args[i]))) {
                dirs.add(Path.of(args[i]));
            } else {
                loose.add(Path.of(args[i]));
            }
        }
        for (Path d : dirs) {
            List<Path> files;
            try (Stream<Path> s = Files.list(d)) {
                files = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(max).toList();
            }
            sets.add(load(d.getParent().getFileName() + "/" + d.getFileName(), files));
        }
        if (!loose.isEmpty()) {
            sets.add(load("files", loose.subList(0, Math.min(max, loose.size()))));
        }
        List<FileSet> all = new ArrayList<>();
        for (FileSet s : sets) {
            all.add(s);
            all.add(recompressed(s));
        }
        int maxSize = all.stream().flatMap(s -> s.sizes().stream()).mapToInt(Integer::intValue).max().orElse(0);
        byte[] out = new byte[maxSize];
        Inflater inflater = new Inflater();
        // Check, and warm both up on every set (>= 2 s in all).
        for (FileSet s : all) {
            check(s, inflater, out);
        }
        long warmEnd = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (FileSet s : all) {
                roundZlib(s, inflater, out);
                roundOurs(s, out);
            }
        }
        System.out.printf("%-28s %5s %8s | %9s %9s | %9s %9s | %6s %6s%n", "set", "files", "MB/file", "zlib min",
                "zlib med", "ours min", "ours med", "r.min", "r.med");
        for (FileSet s : all) {
            List<Double> z = new ArrayList<>();
            List<Double> o = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int rounds = 0;
            while (rounds < 5 || System.nanoTime() < end) {
                int n = s.streams().size();
                if ((rounds & 1) == 0) {
                    z.add(roundZlib(s, inflater, out) / 1e6 / n);
                    o.add(roundOurs(s, out) / 1e6 / n);
                } else {
                    o.add(roundOurs(s, out) / 1e6 / n);
                    z.add(roundZlib(s, inflater, out) / 1e6 / n);
                }
                rounds++;
            }
            double zmin = min(z);
            double zmed = median(z);
            double omin = min(o);
            double omed = median(o);
            double mb = s.sizes().stream().mapToInt(Integer::intValue).average().orElse(0) / 1e6;
            System.out.printf("%-28s %5d %8.3f | %9.3f %9.3f | %9.3f %9.3f | %6.2f %6.2f   (%d rounds)%n", s.name(),
                    s.streams().size(), mb, zmin, zmed, omin, omed, zmin / omin, zmed / omed, rounds);
        }
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static long roundZlib(FileSet s, Inflater inflater, byte[] out) throws DataFormatException {
        long t0 = System.nanoTime();
        for (int i = 0; i < s.streams().size(); i++) {
            byte[] b = s.streams().get(i);
            inflater.reset();
            inflater.setInput(b);
            int n = inflater.inflate(out, 0, s.sizes().get(i));
            if (n != s.sizes().get(i)) {
                throw new IllegalStateException("Inflater short output");
            }
        }
        return System.nanoTime() - t0;
    }

    private static long roundOurs(FileSet s, byte[] out) throws DataFormatException {
        long t0 = System.nanoTime();
        for (int i = 0; i < s.streams().size(); i++) {
            byte[] b = s.streams().get(i);
            Inflate.Result r = Inflate.zlib(b, 0, b.length, out, 0, s.sizes().get(i));
            if (!r.streamEnded()) {
                throw new IllegalStateException("Inflate did not reach the stream end");
            }
        }
        return System.nanoTime() - t0;
    }

    private static void check(FileSet s, Inflater inflater, byte[] out) throws DataFormatException {
        for (int i = 0; i < s.streams().size(); i++) {
            byte[] b = s.streams().get(i);
            int size = s.sizes().get(i);
            inflater.reset();
            inflater.setInput(b);
            inflater.inflate(out, 0, size);
            byte[] expected = Arrays.copyOf(out, size);
            Arrays.fill(out, (byte) 0);
            Inflate.Result r = Inflate.zlib(b, 0, b.length, out, 0, size);
            if (!r.streamEnded() || r.written() != size || !Arrays.equals(expected, 0, size, out, 0, size)) {
                throw new IllegalStateException(s.name() + " file " + i + ": Inflate differs from Inflater");
            }
        }
    }

    private static FileSet recompressed(FileSet s) {
        List<byte[]> streams = new ArrayList<>();
        Inflater inflater = new Inflater();
        Deflater deflater = new Deflater();
        for (int i = 0; i < s.streams().size(); i++) {
            byte[] raw = inflateAll(inflater, s.streams().get(i), s.sizes().get(i));
            deflater.reset();
            deflater.setInput(raw);
            deflater.finish();
            byte[] buf = new byte[raw.length + raw.length / 100 + 1024];
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(buf, n, buf.length - n);
            }
            streams.add(Arrays.copyOf(buf, n));
        }
        return new FileSet(s.name() + " (Deflater 6)", streams, s.sizes());
    }

    private static byte[] inflateAll(Inflater inflater, byte[] b, int size) {
        try {
            inflater.reset();
            inflater.setInput(b);
            byte[] out = new byte[size];
            inflater.inflate(out);
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Concatenated IDAT data of each PNG, and its inflated size (height * (1 + rowbytes) for non-interlaced). */
    private static FileSet load(String name, List<Path> files) throws IOException {
        List<byte[]> streams = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            int pos = 8;
            java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
            int size = -1;
            while (pos + 8 <= b.length) {
                int len = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
                String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
                int data = pos + 8;
                if (type.equals("IHDR")) {
                    long w = readInt(b, data);
                    long h = readInt(b, data + 4);
                    int depth = b[data + 8] & 0xff;
                    int colour = b[data + 9] & 0xff;
                    int channels = switch (colour) {
                        case 0, 3 -> 1;
                        case 2 -> 3;
                        case 4 -> 2;
                        default -> 4;
                    };
                    if (b[data + 12] != 0) {
                        throw new IOException(f + ": interlaced PNGs are not supported by this bench");
                    }
                    size = (int) (h * (1 + (w * channels * depth + 7) / 8));
                } else if (type.equals("IDAT")) {
                    idat.write(b, data, len);
                } else if (type.equals("IEND")) {
                    break;
                }
                pos = data + len + 4;
            }
            streams.add(idat.toByteArray());
            sizes.add(size);
        }
        return new FileSet(name, streams, sizes);
    }

    private static long readInt(byte[] b, int p) {
        return Integer.toUnsignedLong((b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff));
    }
}
