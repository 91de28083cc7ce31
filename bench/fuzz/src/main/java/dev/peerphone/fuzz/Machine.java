package dev.peerphone.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machine was doing during the run: the 1-minute load average sampled every second
 * ({@code /proc/loadavg}) and the share of CPU time stolen by the hypervisor ({@code /proc/stat},
 * first to last sample). Sampled by the campaign's main thread only.
 */
final class Machine {
  private final List<Double> load = new ArrayList<>();
  private long[] firstCpu;
  private long[] lastCpu;

  void sample() {
    try {
      load.add(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long[] v = new long[f.length - 1];
      for (int i = 1; i < f.length; i++) {
        v[i - 1] = Long.parseLong(f[i]);
      }
      if (firstCpu == null) {
        firstCpu = v;
      }
      lastCpu = v;
    } catch (IOException | RuntimeException e) {
      // not Linux: the report says n/a
    }
  }

  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    List<Double> sorted = new ArrayList<>(load);
    Collections.sort(sorted);
    if (!sorted.isEmpty()) {
      m.put("loadAverage1mMin", sorted.get(0));
      m.put("loadAverage1mMedian", sorted.get(sorted.size() / 2));
      m.put("loadAverage1mMax", sorted.get(sorted.size() - 1));
    }
    if (firstCpu != null && lastCpu != firstCpu && lastCpu.length > 7) {
      long total = 0;
      for (int i = 0; i < lastCpu.length; i++) {
        total += lastCpu[i] - firstCpu[i];
      }
      m.put("stealPercent", total == 0 ? 0.0 : Math.round(1000.0 * (lastCpu[7] - firstCpu[7]) / total) / 10.0);
      m.put("busyPercent", total == 0 ? 0.0
          : Math.round(1000.0 * (total - (lastCpu[3] - firstCpu[3]) - (lastCpu[4] - firstCpu[4])) / total) / 10.0);
    }
    return m;
  }
}
