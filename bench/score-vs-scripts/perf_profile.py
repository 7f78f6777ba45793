"""Where the CPU time of one `eibench score` goes, by thread and by code, from the kernel's sampler: runs the
launcher (with its class-data archive and JVM options, as the bench does) under `perf record` and sorts the samples
of every thread, JIT compiler and GC threads included, which Java Flight Recorder (profile.py) does not see. Java
frames are named through HotSpot's perf map (-XX:+DumpPerfMapAtExit). Needs `perf` and perf_event_paranoid <= 2.

  perf_profile.py EIBENCH_LAUNCHER CASE_DIR OUT_DIR
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Thread name prefix -> group; the rest is "other".
THREADS = [("eibench-load", "loaders (read, decode)"), ("eibench-score", "scorers (metrics, lines)"),
           ("C2 CompilerThre", "JIT: C2"), ("C1 CompilerThre", "JIT: C1"), ("GC Thread", "GC"),
           ("ForkJoinPool", "bootstrap workers"), ("java", "main (start, summary)")]
# First match on the sampled symbol or library names the kind of code.
CODE = [("libz.so", "zlib inflate"), ("[kernel", "kernel"), ("Interpreter", "interpreter"),
        ("libjvm.so", "JVM (JIT, GC, runtime)"), ("SsimKernel", "SSIM"), ("org.eibench.metrics.depth", "depth errors"),
        ("ConfusionMatrix", "confusion matrix"), ("org.eibench.metrics.stats", "bootstrap"),
        ("org.eibench.imaging", "PNG decode (Java)"), ("Labels.", "conversions"), ("decode.", "conversions"),
        ("Targets.", "conversions"), ("org.eibench.metrics", "other metric code"), ("libc.so", "libc (memset, memcpy)")]


def group(name, table):
    for key, label in table:
        if key in name:
            return label
    return "other"


def main():
    launcher, case_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "perf.data")
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, EIBENCH_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit")
    t = time.perf_counter()
    subprocess.run(["perf", "record", "-F", "999", "-q", "-o", data, "--", launcher, "score", "--task",
                    os.path.join(case_dir, "task.yaml"), "--predictions", os.path.join(case_dir, "pred"), "--out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    text = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso"], capture_output=True, text=True).stdout
    threads, code = collections.Counter(), collections.Counter()
    for line in text.splitlines():
        # the thread name right-aligned in 16 columns (names hold spaces), then the address, symbol and (library)
        m = re.match(r"(.{16})\s+[0-9a-f]+\s+(.*)", line)
        if not m:
            continue
        comm, rest = m.group(1).strip(), m.group(2)
        if comm in ("bash", "find", "dirname", "awk", "eibench", "perf"):
            continue
        threads[group(comm, THREADS)] += 1
        code[group(rest, CODE)] += 1
    total = sum(threads.values()) or 1
    print(f"wall {wall:.2f} s under perf, {total / 999:.2f} s of CPU sampled")
    print("  by thread: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in threads.most_common()))
    print("  by code:   " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in code.most_common()))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
