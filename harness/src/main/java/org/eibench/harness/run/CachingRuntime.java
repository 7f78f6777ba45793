package org.eibench.harness.run;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * The prediction cache: a model wrapped so that an output already computed for the same model (id + checksum),
 * sample content (input pixels + instruction), generation params and seed is read from disk instead of generated.
 * Outputs are stored exactly (raw float32, deflated), before any quantisation or decoding, so a changed decoder or
 * metric re-scores from the cache with the same numbers a fresh run would give.
 *
 * <p>The folder, its default place and its size cap are {@link PredictionCache}'s.
 *
 * <p>The ground-truth reference enters the key only for models that declare they read it (the oracle); others never
 * see it, and a changed decoder, which changes the reference, must not make them miss. Failures are never cached.
 */
public final class CachingRuntime implements ModelRuntime {

    private final ModelRuntime inner;
    private final Path dir;
    private final String modelKey;
    private final boolean keyOnReference;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private CachingRuntime(ModelRuntime inner, Path dir) {
        this.inner = inner;
        this.dir = dir;
        ModelInfo info = inner.info();
        this.modelKey = info.id() + "\n" + info.checksum();
        this.keyOnReference = readsReference(info);
    }

    /**
     * Wraps a model, or returns it as it is when caching it would not pay: built-in baselines ({@code builtin:}
     * checksums) compute an output faster than it can be read back.
     */
    public static ModelRuntime wrap(ModelRuntime model, Path cacheDir) {
        if (cacheDir == null || model.info().checksum() == null || model.info().checksum().startsWith("builtin:")) {
            return model;
        }
        return new CachingRuntime(model, cacheDir);
    }

    static boolean readsReference(ModelInfo info) {
        return info.capabilities().readsReference();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public int maxBatchSize() {
        return inner.maxBatchSize();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        Output[] out = new Output[batch.size()];
        String[] keys = new String[batch.size()];
        List<Request> todo = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Request r = batch.get(i);
            keys[i] = key(r);
            FloatImage cached = read(file(keys[i]));
            if (cached != null) {
                hits.incrementAndGet();
                PredictionCache.touch(file(keys[i]));
                out[i] = new Output.Generated(r.id(), cached, Map.of("cache", "hit"), 0);
            } else {
                misses.incrementAndGet();
                todo.add(r);
                where.add(i);
            }
        }
        if (!todo.isEmpty()) {
            List<Output> generated = inner.generate(todo);
            if (generated.size() != todo.size()) {
                throw new IllegalStateException("model returned " + generated.size() + " outputs for " + todo.size() + " requests");
            }
            for (int j = 0; j < todo.size(); j++) {
                int i = where.get(j);
                Output o = generated.get(j);
                out[i] = o;
                if (o instanceof Output.Generated g) {
                    write(file(keys[i]), g.image());
                }
            }
        }
        return List.of(out);
    }

    Path file(String key) {
        return PredictionCache.entry(dir, key);
    }

    /**
     * SHA-256 over model, instruction, seed, params and hints (sorted) and the input pixels (and the reference when
     * read): everything the model was given.
     */
    String key(Request r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("eibench/cache@1\n" + modelKey + "\n" + r.seed() + "\n" + r.instruction() + "\n"
                    + Json.LINES.writeValueAsString(new TreeMap<>(r.params())) + "\n"
                    + (r.hints().isEmpty() ? "" : "hints " + Json.LINES.writeValueAsString(new TreeMap<>(r.hints())) + "\n"))
                    .getBytes(StandardCharsets.UTF_8));
            hashImage(md, r.image());
            if (keyOnReference && r.reference() != null) {
                hashImage(md, r.reference());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pixels of an image (dimensions + float bits), for content hashes. */
    public static void hashImage(MessageDigest md, FloatImage im) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * im.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(im.width()).putInt(im.height()).putInt(im.channels());
        b.asFloatBuffer().put(im.data());
        md.update(b.array());
    }

    private static FloatImage read(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (InputStream in = new InflaterInputStream(Files.newInputStream(f), new java.util.zip.Inflater(), 1 << 16);
             DataInputStream d = new DataInputStream(in)) {
            int w = d.readInt();
            int h = d.readInt();
            int c = d.readInt();
            if (w < 1 || h < 1 || c < 1 || (long) w * h * c > 1L << 28) {
                return null;
            }
            byte[] raw = d.readNBytes(4 * w * h * c);
            if (raw.length != 4 * w * h * c) {
                return null;
            }
            float[] data = new float[w * h * c];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new FloatImage(w, h, c, data);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is a miss; it is rewritten
        }
    }

    private static void write(Path f, FloatImage im) {
        try {
            Files.createDirectories(f.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DataOutputStream d = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
                d.writeInt(im.width());
                d.writeInt(im.height());
                d.writeInt(im.channels());
                ByteBuffer b = ByteBuffer.allocate(4 * im.data().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(im.data());
                d.write(b.array());
            } finally {
                deflater.end();
            }
            // Temp file + atomic move: a kill never leaves a truncated entry under the final name.
            Path tmp = f.resolveSibling(f.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The cache is an optimisation: failing to fill it never fails a sample.
        }
    }
}
