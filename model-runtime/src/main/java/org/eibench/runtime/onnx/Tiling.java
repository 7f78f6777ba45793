package org.eibench.runtime.onnx;

import java.util.ArrayList;
import java.util.List;

import ai.onnxruntime.OrtException;
import org.eibench.metrics.FloatImage;

/**
 * A card's TILE geometry: overlapping tiles of {@code tile} input pixels (the last one aligned to the far edge, as
 * SwinIR's and KAIR's test code place them), each padded to the card's multiple and run alone; overlapping outputs
 * are averaged.
 */
final class Tiling {

    /** One tile through the model: padded input planes in, output planes out. */
    @FunctionalInterface
    interface TileModel {
        FloatImage run(FloatImage paddedTile) throws OrtException;
    }

    private Tiling() {
    }

    /** The model's output for the whole of {@code planes}, with {@code c} output planes, assembled from tiles. */
    static FloatImage run(FloatImage planes, ModelCard.SizeSpec s, int c, TileModel model) throws OrtException {
        int w = planes.width();
        int h = planes.height();
        double[] acc = null;
        float[] weight = null;
        int ow = 0;
        int oh = 0;
        double scale = 0;
        for (int ty : starts(h, s.tile(), s.overlap())) {
            for (int tx : starts(w, s.tile(), s.overlap())) {
                int tw = Math.min(s.tile(), w - tx);
                int th = Math.min(s.tile(), h - ty);
                FloatImage tileIn = InputGeometry.crop(planes, tx, ty, tw, th);
                FloatImage padded = InputGeometry.padToMultiple(tileIn, s.multiple());
                FloatImage tileOut = InputGeometry.cropBack(model.run(padded), padded, tw, th);
                if (acc == null) {
                    scale = (double) tileOut.width() / tw;
                    ow = (int) Math.round(w * scale);
                    oh = (int) Math.round(h * scale);
                    acc = new double[ow * oh * c];
                    weight = new float[ow * oh];
                }
                int ox = (int) Math.round(tx * scale);
                int oy = (int) Math.round(ty * scale);
                for (int y = 0; y < tileOut.height() && oy + y < oh; y++) {
                    for (int x = 0; x < tileOut.width() && ox + x < ow; x++) {
                        int o = (oy + y) * ow + ox + x;
                        weight[o] += 1;
                        for (int k = 0; k < c; k++) {
                            acc[o * c + k] += tileOut.data()[(y * tileOut.width() + x) * c + k];
                        }
                    }
                }
            }
        }
        float[] d = new float[ow * oh * c];
        for (int i = 0; i < ow * oh; i++) {
            for (int k = 0; k < c; k++) {
                d[i * c + k] = (float) (acc[i * c + k] / weight[i]);
            }
        }
        return new FloatImage(ow, oh, c, d);
    }

    /** Tile origins along one axis: stride tile - overlap, the last aligned to the end. */
    static List<Integer> starts(int length, int tile, int overlap) {
        List<Integer> out = new ArrayList<>();
        if (length <= tile) {
            out.add(0);
            return out;
        }
        int stride = tile - overlap;
        for (int x = 0; x < length - tile; x += stride) {
            out.add(x);
        }
        out.add(length - tile);
        return out;
    }
}
