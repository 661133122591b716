package org.computegov.registry.screening;
import java.nio.file.*;
import java.util.*;
public class Eval {
  public static void main(String[] a) throws Exception {
    Path d = Path.of("/work/shared/data/screening");
    ScreeningList all = ScreeningList.merge(List.of(ScreeningLists.load(d.resolve("ofac_sdn.csv")), ScreeningLists.load(d.resolve("csl_sample.csv"))));
    ScreeningIndex idx = ScreeningIndex.build(all);
    var cases = EvaluationSet.build(idx, 300, 800, 300, 42);
    long t0=System.nanoTime();
    Evaluation ev = new Evaluation(idx, cases, 0.6);
    System.out.printf("%d cases in %d ms%n", cases.size(), (System.nanoTime()-t0)/1000000);
    double t = Double.parseDouble(a[0]);
    System.out.println(ev.report(t, new double[]{0.70,0.75,0.78,0.80,0.82,0.85,0.88,0.90,0.92,0.95}));
    for (var o : ev.misses(t)) System.out.printf("MISS %-14s %.3f %.3f %s | %s%n", o.c().kind(), o.expectedScore(), o.bestScore(), o.c().query(), o.c().expectedKey()==null?"":all.entries().stream().filter(e->e.key().equals(o.c().expectedKey())).findFirst().get().name());
  }
}
