package org.eibench.harness.datasets;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

/**
 * The boundary maps of a BSDS500 ground-truth file ({@code groundTruth/<split>/<id>.mat}): a 1xK cell of structs
 * with fields {@code Segmentation} and {@code Boundaries}, one per annotator, in MATLAB's level-5 MAT format. Read
 * from the format's published description (MathWorks, "MAT-File Format", level 5: a 128-byte header, then tagged
 * data elements, 8-byte aligned; miCOMPRESSED elements hold a zlib stream of one element; a miMATRIX holds array
 * flags, dimensions, a name, then the data: for a cell its elements, for a struct the field-name length, the names
 * and each element's fields, for a numeric array its column-major values). Only what BSDS ground truth uses is
 * read: little-endian files, cells, structs and uint8 / logical arrays; anything else is refused with the file name.
 */
final class BsdsGroundTruth {

    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int MX_CELL = 1;
    private static final int MX_STRUCT = 2;
    private static final int MX_UINT8 = 9;
    /** Largest inflated element accepted (a 481x321 BSDS file inflates to well under 10 MB). */
    private static final int MAX_INFLATED = 256 << 20;

    private BsdsGroundTruth() {
    }

    /** One annotator's boundaries: {@code height x width} values 0 or 1, row-major. */
    record Map2(int height, int width, byte[] values) {
    }

    /** The annotators' boundary maps, in the cell's order (annotator 1 first). */
    static List<Map2> boundaries(Path mat) throws IOException {
        byte[] all = Files.readAllBytes(mat);
        if (all.length < 128 || !new String(all, 0, 10, java.nio.charset.StandardCharsets.US_ASCII).startsWith("MATLAB 5.0")) {
            throw new IOException(mat + ": not a MATLAB level-5 MAT file");
        }
        if (all[126] != 'I' || all[127] != 'M') {
            throw new IOException(mat + ": big-endian MAT files are not read here");
        }
        ByteBuffer b = ByteBuffer.wrap(all, 128, all.length - 128).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            int type = b.getInt();
            int size = b.getInt();
            ByteBuffer body = slice(b, size, mat);
            if (type == MI_COMPRESSED) {
                body = inflate(body, mat);
                type = body.getInt();
                size = body.getInt();
                body = slice(body, size, mat);
            } else {
                align(b);
            }
            if (type == MI_MATRIX) {
                Matrix m = matrix(body, mat);
                if (m.name.equals("groundTruth")) {
                    return fromCell(m, mat);
                }
            }
        }
        throw new IOException(mat + ": no variable 'groundTruth'");
    }

    /** Writes each annotator's map as {@code <prefix>_bdry<k>.png} (0/255), k from 1; returns how many. */
    static int writePngs(Path mat, Path prefix) throws IOException {
        List<Map2> maps = boundaries(mat);
        Files.createDirectories(prefix.toAbsolutePath().getParent());
        for (int k = 0; k < maps.size(); k++) {
            Map2 m = maps.get(k);
            BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = img.getRaster();
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    r.setSample(x, y, 0, m.values()[y * m.width() + x] != 0 ? 255 : 0);
                }
            }
            ImageIO.write(img, "png", prefix.resolveSibling(prefix.getFileName() + "_bdry" + (k + 1) + ".png").toFile());
        }
        return maps.size();
    }

    private record Matrix(int mxClass, int[] dims, String name, ByteBuffer rest) {
    }

    private static List<Map2> fromCell(Matrix cell, Path mat) throws IOException {
        if (cell.mxClass != MX_CELL) {
            throw new IOException(mat + ": groundTruth is not a cell array");
        }
        List<Map2> out = new ArrayList<>();
        int n = count(cell.dims);
        for (int i = 0; i < n; i++) {
            Matrix s = element(cell.rest, mat);
            if (s.mxClass != MX_STRUCT) {
                throw new IOException(mat + ": groundTruth{" + (i + 1) + "} is not a struct");
            }
            Matrix bdry = structField(s, "Boundaries", mat);
            if (bdry.mxClass != MX_UINT8 || bdry.dims.length != 2) {
                throw new IOException(mat + ": groundTruth{" + (i + 1) + "}.Boundaries is not a 2-D uint8/logical array");
            }
            ByteBuffer data = bdry.rest;
            int type = data.getInt();
            int size = data.getInt();
            if ((type & 0xffff0000) != 0) {
                size = type >>> 16;
                type = type & 0xffff;
            }
            int h = bdry.dims[0];
            int w = bdry.dims[1];
            if (type != MI_UINT8 || size != h * w) {
                throw new IOException(mat + ": groundTruth{" + (i + 1) + "}.Boundaries has data of type " + type + ", "
                        + size + " bytes for " + h + "x" + w);
            }
            byte[] colMajor = new byte[size];
            data.get(colMajor);
            byte[] rowMajor = new byte[size];
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    rowMajor[y * w + x] = colMajor[x * h + y];
                }
            }
            out.add(new Map2(h, w, rowMajor));
        }
        return out;
    }

    /** The named field of a 1x1 struct. */
    private static Matrix structField(Matrix s, String field, Path mat) throws IOException {
        ByteBuffer b = s.rest;
        int tag = b.getInt();
        int len = (tag & 0xffff0000) != 0 ? b.getInt() : skipAndGetInt(b, tag);
        int namesType = b.getInt();
        int namesSize = b.getInt();
        if ((namesType & 0xffff) != MI_INT8 || len <= 0 || namesSize % len != 0) {
            throw new IOException(mat + ": malformed struct field names");
        }
        ByteBuffer names = slice(b, namesSize, mat);
        align(b);
        int fields = namesSize / len;
        Matrix found = null;
        for (int f = 0; f < fields; f++) {
            byte[] raw = new byte[len];
            names.get(raw);
            int end = 0;
            while (end < len && raw[end] != 0) {
                end++;
            }
            Matrix value = element(b, mat);
            if (new String(raw, 0, end, java.nio.charset.StandardCharsets.US_ASCII).equals(field)) {
                found = value;
            }
        }
        if (found == null) {
            throw new IOException(mat + ": no field '" + field + "'");
        }
        return found;
    }

    private static int skipAndGetInt(ByteBuffer b, int tag) {
        // A field-name length in the long form: the type (already read), the size (4), the value, 4 bytes of padding.
        b.getInt();
        int value = b.getInt();
        b.getInt();
        return value;
    }

    /** The next data element of {@code b}, which must be a miMATRIX. */
    private static Matrix element(ByteBuffer b, Path mat) throws IOException {
        int type = b.getInt();
        int size = b.getInt();
        if (type != MI_MATRIX) {
            throw new IOException(mat + ": expected a matrix element, found type " + type);
        }
        ByteBuffer body = slice(b, size, mat);
        align(b);
        return size == 0 ? new Matrix(0, new int[] {0, 0}, "", body) : matrix(body, mat);
    }

    private static Matrix matrix(ByteBuffer m, Path mat) throws IOException {
        if (m.getInt() != MI_UINT32 || m.getInt() != 8) {
            throw new IOException(mat + ": malformed array flags");
        }
        int flags = m.getInt();
        m.getInt();
        int dimsType = m.getInt();
        int dimsSize = m.getInt();
        if (dimsType != MI_INT32 || dimsSize % 4 != 0) {
            throw new IOException(mat + ": malformed dimensions");
        }
        int[] dims = new int[dimsSize / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = m.getInt();
        }
        align(m);
        int nameTag = m.getInt();
        String name;
        if ((nameTag & 0xffff0000) != 0) {
            byte[] raw = new byte[nameTag >>> 16];
            int pos = m.position();
            m.get(raw);
            m.position(pos + 4);
            name = new String(raw, java.nio.charset.StandardCharsets.US_ASCII);
        } else {
            int len = m.getInt();
            byte[] raw = new byte[len];
            m.get(raw);
            align(m);
            name = new String(raw, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new Matrix(flags & 0xff, dims, name, m.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static ByteBuffer slice(ByteBuffer b, int size, Path mat) throws IOException {
        if (size < 0 || size > b.remaining()) {
            throw new IOException(mat + ": an element of " + size + " bytes runs past the end of the file");
        }
        ByteBuffer s = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        s.limit(size);
        b.position(b.position() + size);
        return s;
    }

    private static void align(ByteBuffer b) {
        int pad = (8 - (b.position() % 8)) % 8;
        b.position(Math.min(b.limit(), b.position() + pad));
    }

    private static ByteBuffer inflate(ByteBuffer z, Path mat) throws IOException {
        byte[] in = new byte[z.remaining()];
        z.get(in);
        Inflater inf = new Inflater();
        inf.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new IOException(mat + ": a compressed element inflates past " + MAX_INFLATED + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException(mat + ": corrupt compressed element: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int count(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
