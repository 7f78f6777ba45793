"""Where the time of one `eibench score` goes: runs it under Java Flight Recorder and sorts the execution samples of
Java threads (running Java or native code) into stages by their stack, and reports the GC pauses, CPU time and wall
time. Used for docs/performance.md's before/after profiles.

  profile.py JAR CASE_DIR OUT_DIR [JVM options...]
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

# First rule matching any frame of a stack, scanning rules in this order, names the stage.
STAGES = [
    ("bootstrap intervals", ["metrics.stats.Bootstrap"]),
    ("summary and sample lines (JSON)", ["SummaryBuilder", "SampleRecord", "RunDirectory.scan", "RunDirectory$SampleWriter",
                                         "com.fasterxml.jackson", "harness.run.Json"]),
    ("PNG encode (saving predictions)", ["imencode", "PredictionPng", "encodePng"]),
    ("data digests (SHA-256)", ["TaskData", "MessageDigest", "sun.security.provider"]),
    ("PNG decode", ["imdecode", "PngDecoder", "ImageFiles.lambda", "ImageFiles.png", "ImageFiles.decode", "ImageFiles.readLabels", "PngChunks", "ImageHeader", "Inflater"]),
    ("conversions (float/int images, quantising)", ["integerToFloat", "toFloatImage", "FloatImage.quantized",
                                                    "FloatImage.isQuantized", "Labels.", "decode.RgbDecoder",
                                                    "decode.DepthPngDecoder", "Targets.depth", "Mat.n"]),
    ("metric kernels", ["org.eibench.metrics."]),
    ("start: CLI, tasks, registries, class loading", ["picocli", "TaskCatalog", "TaskFiles", "Registry", "snakeyaml",
                                                      "ServiceLoader", "ClassLoader", "OpenCvLoader", "java.lang.invoke"]),
    ("writing files", ["writeAtomically", "RunDirectory.keep", "FileDispatcherImpl.write", "UnixNativeDispatcher.link", "Files.copy", "UnixCopyFile"]),
]


def stage(frames):
    for name, keys in STAGES:
        for f in frames:
            if any(k in f for k in keys):
                return name
    return "other"


def main():
    jar, case_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
    opts = sys.argv[4:]
    tmp = tempfile.mkdtemp()
    jfr = os.path.join(tmp, "p.jfr")
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(["java", *opts, f"-XX:StartFlightRecording=filename={jfr},settings=profile", "-jar", jar, "score",
                    "--task", os.path.join(case_dir, "task.yaml"), "--predictions", os.path.join(case_dir, "pred"),
                    "--out", out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", jfr],
                          capture_output=True, text=True, check=True).stdout
    counts = {}
    for event in text.split("jdk.")[1:]:
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", event, re.S)
        if not m:
            continue
        frames = [ln.strip() for ln in m.group(1).splitlines() if ln.strip()]
        s = stage(frames)
        counts[s] = counts.get(s, 0) + 1
    gc = subprocess.run(["jfr", "print", "--events", "jdk.GarbageCollection", jfr], capture_output=True, text=True).stdout
    pauses = sum(float(x) for x in re.findall(r"sumOfPauses = ([0-9.]+) ms", gc))
    total = sum(counts.values()) or 1
    print(f"wall {wall:.2f} s, CPU user {after.ru_utime - before.ru_utime:.2f} s + sys {after.ru_stime - before.ru_stime:.2f} s"
          f" (JFR adds ~0.3 s), GC pauses {pauses / 1000:.2f} s, {total} samples of Java threads:")
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {100.0 * n / total:5.1f}%  {name}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
