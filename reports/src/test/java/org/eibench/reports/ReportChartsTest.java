package org.eibench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.Legend_;

class ReportChartsTest {

    /** The quick suite's models and one more: the longest names are the ones a legend used to cut. */
    private static final List<String> MODELS = List.of("identity", "dncnn-s25", "dncnn3", "espcn-x4", "fsrcnn-x4", "bicubic",
            "dcp", "clahe", "median-derain", "canny", "oracle", "identity (identity-second-run)");

    @Test
    void paletteHasTwelveDistinctColoursAssignedByModelOrder() {
        assertEquals(12, ReportCharts.PALETTE.size());
        assertEquals(12, new HashSet<>(ReportCharts.PALETTE).size(), "12 distinct colours");
        // A chart that shows only some models (a task two of them ran) gives each its colour from the full order.
        ReportCharts.ChartData some = chart(List.of("median-derain", "identity"));
        Color[] colours = ReportCharts.colours(some, MODELS);
        assertEquals(ReportCharts.PALETTE.get(MODELS.indexOf("median-derain")), colours[0]);
        assertEquals(ReportCharts.PALETTE.get(0), colours[1]);
        assertNotEquals(colours[0], colours[1]);
    }

    @Test
    void legendFitsTheLongestModelNameWithTwelveModels() throws Exception {
        ReportCharts.ChartData c = chart(MODELS);
        Chart<?, ?> chart = ReportCharts.chart(c, MODELS);
        int width = ReportCharts.width(c);
        BufferedImage img = new BufferedImage(width, ReportCharts.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        chart.paint(g, width, ReportCharts.HEIGHT);
        // XChart keeps the legend's laid-out box to itself; its bounds are what it drew.
        Method getLegend = Chart.class.getDeclaredMethod("getLegend");
        getLegend.setAccessible(true);
        Rectangle2D legend = ((Legend_<?, ?>) getLegend.invoke(chart)).getBounds();
        FontMetrics fm = g.getFontMetrics(ReportCharts.LEGEND_FONT);
        int longest = MODELS.stream().mapToInt(fm::stringWidth).max().orElseThrow();
        assertTrue(legend.getWidth() >= longest, "legend " + legend + " narrower than the longest name (" + longest + " px)");
        assertTrue(legend.getMinX() >= 0 && legend.getMaxX() <= width, "legend " + legend + " outside the chart's width " + width);
        assertTrue(legend.getMinY() >= 0 && legend.getMaxY() <= ReportCharts.HEIGHT,
                "legend " + legend + " outside the chart's height " + ReportCharts.HEIGHT);
    }

    private static ReportCharts.ChartData chart(List<String> models) {
        List<ReportCharts.Series> series = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            series.add(new ReportCharts.Series(models.get(i), List.of(20.0 + i, 25.0), List.of(1.0, 0.5)));
        }
        return new ReportCharts.ChartData("task-psnr", "tasks", ReportCharts.Kind.BAR, "psnr by task", "", "psnr",
                List.of("sr-set5-x4", "derain-kodak"), series);
    }
}
