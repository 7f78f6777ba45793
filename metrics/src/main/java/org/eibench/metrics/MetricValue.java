package org.eibench.metrics;

/**
 * One number a metric reports, under its summary key ({@code psnr}, {@code miou}, {@code iou.person}, ...), with the
 * direction that counts as better. {@code NaN} means undefined (for instance IoU of a class absent from both maps).
 */
public record MetricValue(String key, double value, boolean higherIsBetter) {
}
