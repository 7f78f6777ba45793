#!/usr/bin/env python3
"""Upper bound on runner throughput for one loader and one scorer thread, from a finished run's own stage times.

Replays the per-sample `timing_ms` (load, score) of RUN_DIR's sample lines, in the run's task order, through a model
of the pipeline (docs/performance.md, "Runner"): one loader working at most WINDOW samples ahead of the model, one
scorer, at most PERMITS samples handed to the scorer and not yet scored, no other CPU use and no contention. Prints the
ideal wall time and the ratio sum(load) / wall, the best the bench's "throughput ratio" could show with one core per
stage, for each (WINDOW, PERMITS), and again with the write part of scoring scaled by --write-scale (e.g. 0.1: what
stored PNGs would leave).

    bench/pipeline-bound.py runs/quick-.../oracle [--write-scale 0.1]
"""
import argparse
import json
import os


def replay(samples, window, permits):
    n = len(samples)
    t_loader = t_main = scorer_free = 0.0
    taken = [0.0] * n
    scored = [0.0] * n
    for i, (load, score) in enumerate(samples):
        start = t_loader if i < window else max(t_loader, taken[i - window])
        t_loader = start + load
        take = max(t_main, t_loader) if i < permits else max(t_main, t_loader, scored[i - permits])
        taken[i] = t_main = take
        scored[i] = scorer_free = max(scorer_free, take) + score
    return scored[-1] if n else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir")
    ap.add_argument("--write-scale", type=float, default=None)
    a = ap.parse_args()
    run = json.load(open(os.path.join(a.run_dir, "run.json")))
    rows = []
    for t in run["tasks"]:
        f = os.path.join(a.run_dir, "samples", t["id"] + ".jsonl")
        if not os.path.exists(f):
            continue
        for line in open(f):
            r = json.loads(line)
            tm = r.get("timing_ms")
            if r.get("status") == "ok" and tm:
                rows.append((tm["load"], tm["score"], tm.get("write", 0.0)))
    variants = [("as run", [(l, s) for l, s, _ in rows])]
    if a.write_scale is not None:
        variants.append((f"write x{a.write_scale}", [(l, s - (1 - a.write_scale) * w) for l, s, w in rows]))
    load = sum(r[0] for r in rows)
    if not rows:
        raise SystemExit(f"no ok samples with timing_ms under {a.run_dir}/samples")
    print(f"{len(rows)} samples; sum of load {load:.0f} ms")
    for name, samples in variants:
        print(f"{name}: sum of score {sum(s for _, s in samples):.0f} ms")
        for w, p in [(2, 2), (4, 4), (8, 8), (10**9, 10**9)]:
            wall = replay(samples, w, p)
            label = "unbounded" if w > 10**6 else f"window {w}, permits {p}"
            print(f"  {label:24s} ideal wall {wall:7.0f} ms  ratio {load / wall:.2f}")


if __name__ == "__main__":
    main()
