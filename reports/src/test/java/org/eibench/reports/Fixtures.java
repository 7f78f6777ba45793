package org.eibench.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Small run directories written by hand, in the format the runner writes (summary.json, run.json, samples/*.jsonl,
 * predictions/), so report tests do not depend on a real run.
 */
final class Fixtures {

    static final String INSTR_A = "Remove the rain streaks so the scene looks calm and dry.";
    static final String INSTR_B = "Wash away the rain, keep everything else.";

    private Fixtures() {
    }

    /**
     * A run of model {@code model} with three tasks:
     * derain-rain100l (seen, instruction; psnr, ssim; 6 samples with two instruction wordings, values base+i and
     * 0.5+0.05*i; one failed sample, so coverage 6/7), udc-toled (held-out, task; psnr, ssim; 3 samples) and seg-mini
     * (seen; miou with iou.cat / iou.dog). Model {@code oracle} declares that it reads the ground truth, {@code wiener}
     * that it takes the blur_kernel hint.
     *
     * @param offset added to every psnr value (a "better checkpoint" has a positive offset)
     */
    static Path run(Path root, String folder, String model, double offset) throws IOException {
        Path dir = root.resolve(folder);
        Path data = root.resolve("data-" + folder);
        Files.createDirectories(dir.resolve("samples"));
        Files.createDirectories(data);
        // derain: per-sample psnr 20+i+offset, ssim 0.5+0.05i; ids s0..s5; s6 failed
        List<String> lines = new ArrayList<>();
        double[] psnr = new double[6];
        double[] ssim = new double[6];
        for (int i = 0; i < 6; i++) {
            psnr[i] = 20 + i + offset;
            ssim[i] = 0.5 + 0.05 * i;
            String id = "s" + i;
            png(dir.resolve("predictions/derain-rain100l/" + id + ".png"), 40, 30, new Color(20 * i, 100, 200));
            png(data.resolve("rain/" + id + ".png"), 40, 30, Color.GRAY);
            png(data.resolve("norain/" + id + ".png"), 40, 30, Color.WHITE);
            lines.add(String.format(Locale.ROOT, "{\"id\":\"%s\",\"status\":\"ok\",\"instruction\":\"%s\",\"metrics\":{"
                            + "\"psnr\":{\"values\":{\"psnr\":%s},\"stats\":{\"psnr_sum\":%s,\"n\":1.0}},"
                            + "\"ssim\":{\"values\":{\"ssim\":%s},\"stats\":{\"ssim_sum\":%s,\"n\":1.0}}},"
                            + "\"prediction\":\"predictions/derain-rain100l/%s.png\",\"input\":\"rain/%s.png\","
                            + "\"target\":\"%s\"}", id, i % 2 == 0 ? INSTR_A : INSTR_B, psnr[i], psnr[i], ssim[i], ssim[i],
                    id, id, data.resolve("norain/" + id + ".png").toString().replace("\\", "\\\\")));
        }
        lines.add("{\"id\":\"s6\",\"status\":\"failed\",\"stage\":\"decode\",\"reason\":\"output is 3x3, target is 40x30\","
                + "\"instruction\":\"" + INSTR_A + "\"}");
        Files.write(dir.resolve("samples/derain-rain100l.jsonl"), lines, StandardCharsets.UTF_8);

        List<String> udc = new ArrayList<>();
        double[] upsnr = new double[3];
        for (int i = 0; i < 3; i++) {
            upsnr[i] = 14 + 0.5 * i + offset;
            png(dir.resolve("predictions/udc-toled/u" + i + ".png"), 20, 20, Color.ORANGE);
            udc.add(String.format(Locale.ROOT, "{\"id\":\"u%d\",\"status\":\"ok\",\"instruction\":\"Make it sharp.\","
                    + "\"metrics\":{\"psnr\":{\"values\":{\"psnr\":%s}},\"ssim\":{\"values\":{\"ssim\":0.3}}},"
                    + "\"prediction\":\"predictions/udc-toled/u%d.png\"}", i, upsnr[i], i));
        }
        Files.write(dir.resolve("samples/udc-toled.jsonl"), udc, StandardCharsets.UTF_8);

        List<String> seg = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            png(dir.resolve("predictions/seg-mini/g" + i + ".png"), 16, 16, Color.BLACK);
            seg.add(String.format(Locale.ROOT, "{\"id\":\"g%d\",\"status\":\"ok\",\"instruction\":\"Colour by class.\","
                    + "\"metrics\":{\"miou\":{\"values\":{\"miou\":%s,\"aacc\":0.9,\"iou.cat\":0.5,\"iou.dog\":null}}},"
                    + "\"prediction\":\"predictions/seg-mini/g%d.png\"}", i, 0.4 + 0.1 * i, i));
        }
        Files.write(dir.resolve("samples/seg-mini.jsonl"), seg, StandardCharsets.UTF_8);

        double dPsnr = mean(psnr);
        double dSsim = mean(ssim);
        String summary = "{\"format\":\"eibench/summary@1\",\"run\":{\"identity\":\"" + "ab".repeat(32) + "\",\"model\":\""
                + model + "\",\"model_checksum\":\"x\",\"model_capabilities\":{\"reads_reference\":" + model.equals("oracle")
                + ",\"hints\":" + (model.equals("wiener") ? "[\"blur_kernel\"]" : "[]") + "},\"seed\":0},\"tasks\":{"
                + task("derain-rain100l", "Deraining: Rain100L", "seen", "instruction", "restoration", 6, 1,
                metric("psnr", dPsnr, dPsnr - 1.5, dPsnr + 1.4, true) + "," + metric("ssim", dSsim, dSsim - 0.05, dSsim + 0.06, true),
                ",\"failures\":[{\"id\":\"s6\",\"stage\":\"decode\",\"reason\":\"output is 3x3, target is 40x30\"}]")
                + "," + task("udc-toled", "UDC T-OLED", "held-out", "task", "restoration", 3, 0,
                metric("psnr", mean(upsnr), mean(upsnr) - 0.4, mean(upsnr) + 0.4, true) + "," + metric("ssim", 0.3, null, null, true), "")
                + "," + task("seg-mini", "Segmentation mini", "seen", "instruction", "segmentation", 2, 0,
                metric("miou", 0.45, 0.4, 0.5, true) + "," + metric("aacc", 0.9, 0.9, 0.9, true) + ","
                        + metric("iou.cat", 0.5, 0.5, 0.5, true) + "," + metric("iou.dog", 0.25, 0.0, 0.5, true), "")
                + "}}";
        Files.writeString(dir.resolve("summary.json"), summary, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("run.json"), "{\"format\":\"eibench/run@1\",\"tasks\":[{\"id\":\"derain-rain100l\","
                + "\"data_root\":\"" + data.toString().replace("\\", "\\\\") + "\"},{\"id\":\"udc-toled\"}]}", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * A stand-in for the harness's comparison engine (reports only render its rows; the harness tests that the report
     * and {@code eibench compare} agree): per shared task a coverage row, then each headline metric's summary
     * difference with an interval of +-0.5 and an adjusted p of 0.01 when it differs, 1 when it does not.
     */
    static final PairedComparison.Engine ENGINE = (base, candidate) -> {
        RunSummary a = RunSummary.read(base);
        RunSummary b = RunSummary.read(candidate);
        List<PairedComparison.Row> rows = new ArrayList<>();
        for (RunSummary.TaskResult ta : a.tasks().values()) {
            RunSummary.TaskResult tb = b.tasks().get(ta.id());
            if (tb == null) {
                continue;
            }
            double dc = tb.coverage() - ta.coverage();
            rows.add(new PairedComparison.Row(ta.id(), "coverage", true, ta.coverage(), tb.coverage(), dc, Double.NaN,
                    Double.NaN, Double.NaN, tb.planned(), dc < 0 ? "regression" : "same", dc < 0 ? "REGRESSION" : "same"));
            for (RunSummary.MetricResult ma : ta.metrics()) {
                RunSummary.MetricResult mb = tb.metrics().stream().filter(m -> m.key().equals(ma.key())).findFirst().orElse(null);
                if (mb == null || ma.key().contains(".")) {
                    continue;
                }
                double d = mb.value() - ma.value();
                boolean changed = d != 0;
                String verdict = !changed ? "same" : (d > 0) == ma.higherIsBetter() ? "improved" : "regression";
                rows.add(new PairedComparison.Row(ta.id(), ma.key(), ma.higherIsBetter(), ma.value(), mb.value(), d, d - 0.5,
                        d + 0.5, changed ? 0.01 : 1.0, tb.n(), verdict, verdict.equals("regression") ? "REGRESSION" : verdict));
            }
        }
        List<String> onlyInBase = a.tasks().keySet().stream().filter(t -> !b.tasks().containsKey(t)).toList();
        return new PairedComparison(rows, (int) rows.stream().filter(r -> !r.metric().equals("coverage")).count(), 1000, 0, null,
                onlyInBase);
    };

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static String task(String id, String title, String split, String zs, String kind, int n, int failed,
                               String metrics, String extra) {
        return "\"" + id + "\":{\"title\":\"" + title + "\",\"split\":\"" + split + "\",\"zero_shot\":\"" + zs
                + "\",\"kind\":\"" + kind + "\",\"planned\":" + (n + failed) + ",\"n\":" + n + ",\"failed\":" + failed
                + ",\"missing\":0,\"metrics\":{" + metrics + "}" + extra + "}";
    }

    private static String metric(String key, double value, Double lo, Double hi, boolean higher) {
        return String.format(Locale.ROOT, "\"%s\":{\"value\":%s,\"ci95\":[%s,%s],\"higher_is_better\":%s}", key, value,
                lo == null ? "null" : lo.toString(), hi == null ? "null" : hi.toString(), higher);
    }

    static void png(Path file, int w, int h, Color c) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, c.getRGB());
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
