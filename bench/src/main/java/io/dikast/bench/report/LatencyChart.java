package io.dikast.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** p50 (dashed) and p99 (solid) latency against arrival rate, one colour per scenario, log y. */
public final class LatencyChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  private static final int LEFT = 70;
  private static final int RIGHT = 230;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
    new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)
  };

  private LatencyChart() {}

  public static void write(List<LoadRow> rows, Path png) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    Map<String, TreeMap<Integer, LoadRow>> series = new LinkedHashMap<>();
    rows.forEach(r -> series.computeIfAbsent(r.scenario(), s -> new TreeMap<>()).put(r.rate(), r));
    int maxRate = rows.stream().mapToInt(LoadRow::rate).max().orElse(1);
    double minMs = Math.max(0.1, rows.stream().mapToDouble(LoadRow::p50).min().orElse(0.1));
    double maxMs = Math.max(minMs * 10, rows.stream().mapToDouble(LoadRow::p99).max().orElse(1));
    Scale scale = new Scale(maxRate, Math.log10(minMs) - 0.1, Math.log10(maxMs) + 0.1);
    axes(g, scale);
    int index = 0;
    for (Map.Entry<String, TreeMap<Integer, LoadRow>> entry : series.entrySet()) {
      Color colour = COLOURS[index % COLOURS.length];
      line(g, scale, entry.getValue(), true, colour);
      line(g, scale, entry.getValue(), false, colour);
      g.setColor(colour);
      g.drawString(entry.getKey(), WIDTH - RIGHT + 20, TOP + 20 + 18 * index);
      index++;
    }
    g.setColor(Color.BLACK);
    g.drawString("solid p99, dashed p50", WIDTH - RIGHT + 20, TOP + 30 + 18 * index);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void axes(Graphics2D g, Scale scale) {
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
    g.drawString(
        "Webhook latency (ms, log scale) against arrival rate (requests/s)", LEFT, TOP - 15);
    for (int i = 0; i <= 4; i++) {
      int rate = scale.maxRate() * i / 4;
      int x = scale.x(rate);
      g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5);
      g.drawString(Integer.toString(rate), x - 12, HEIGHT - BOTTOM + 20);
    }
    for (int exponent = (int) Math.ceil(scale.minLog()); exponent <= scale.maxLog(); exponent++) {
      int y = scale.y(Math.pow(10, exponent));
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.setColor(Color.BLACK);
      g.drawString(formatMs(Math.pow(10, exponent)), 10, y + 5);
    }
  }

  private static void line(
      Graphics2D g, Scale scale, TreeMap<Integer, LoadRow> points, boolean p99, Color colour) {
    g.setColor(colour);
    g.setStroke(
        p99
            ? new BasicStroke(2f)
            : new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    int lastX = -1;
    int lastY = -1;
    for (LoadRow row : points.values()) {
      int x = scale.x(row.rate());
      int y = scale.y(p99 ? row.p99() : row.p50());
      g.fillOval(x - 3, y - 3, 6, 6);
      if (lastX >= 0) {
        g.drawLine(lastX, lastY, x, y);
      }
      lastX = x;
      lastY = y;
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static String formatMs(double ms) {
    return ms >= 1 ? "%.0f ms".formatted(ms) : "%.1f ms".formatted(ms);
  }

  private record Scale(int maxRate, double minLog, double maxLog) {
    int x(int rate) {
      return LEFT + (int) ((WIDTH - LEFT - RIGHT) * (double) rate / maxRate);
    }

    int y(double ms) {
      double log = Math.log10(Math.max(ms, Math.pow(10, minLog)));
      return HEIGHT - BOTTOM - (int) ((HEIGHT - TOP - BOTTOM) * (log - minLog) / (maxLog - minLog));
    }
  }
}
