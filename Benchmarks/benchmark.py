#!/usr/bin/env python3
"""National-scale benchmark of thidua (issue: a full year of 100,000 groups).

Builds the release binary, generates synthetic data with `thidua generate`,
and runs the sample round's config on it (`run --year`, every output file
written), several times with --jobs 1 and --jobs 2. Prints medians of the
wall time of each phase (from `thidua run --timings`), rows and MB per
second, peak resident memory, the 1 → 2 jobs speed-ups, and the time per
group at 10,000, 100,000 and 1,000,000 groups.

Usage (from the repository root):
    python3 Benchmarks/benchmark.py            # full benchmark, 5 runs each
    python3 Benchmarks/benchmark.py --runs 3 --skip-million

Only public tools: Python 3's standard library and the Swift toolchain.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = os.path.join(ROOT, "Configs", "thanh-xuan-2020.yaml")
PHASES = ["read", "validate", "prepare", "score", "aggregate_rank", "award", "write"]


def sh(args, **kwargs):
    return subprocess.run(args, check=True, **kwargs)


def build(scratch):
    print("building the release binary …", flush=True)
    sh(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "thidua"],
       cwd=ROOT, stdout=subprocess.DEVNULL)
    return os.path.join(scratch, "release", "thidua")


def make_config(work, data, periods):
    """The sample config, reading `data` and evaluating `periods`."""
    text = open(CONFIG, encoding="utf-8").read()
    text = re.sub(r"(?m)^  data: .*$", "  data: " + json.dumps(data), text)
    text = re.sub(r"(?m)^  periods: .*$", "  periods: [" + ", ".join(periods) + "]", text)
    path = os.path.join(work, "round-%d.yaml" % len(periods))
    open(path, "w", encoding="utf-8").write(text)
    return path


def generate(binary, work, groups, periods):
    path = os.path.join(work, "data-%d-%d.csv" % (groups, len(periods)))
    if not os.path.exists(path):
        print("generating %s groups × %d periods …" % (format(groups, ","), len(periods)), flush=True)
        sh([binary, "generate", "--groups", str(groups), "--periods", ",".join(periods), "--seed", "79",
            "--out", path], stdout=subprocess.DEVNULL)
    return path


def has_timings(binary):
    """Whether this build of thidua can report its phases (`run --timings FILE`)."""
    help_text = subprocess.run([binary, "run", "--help"], capture_output=True, text=True).stdout
    return "--timings" in help_text


def run_once(binary, config, jobs, work):
    """One `thidua run --year`: wall seconds, peak RSS in MB, the phase timings."""
    out = os.path.join(work, "out")
    timings = os.path.join(work, "timings.json")
    shutil.rmtree(out, ignore_errors=True)
    extra = ["--timings", timings] if has_timings(binary) else []
    start = time.perf_counter()
    process = subprocess.Popen([binary, "run", config, "--year", "--jobs", str(jobs), "--out", out, "--quiet"] + extra,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0 or os.WIFSIGNALED(status):
        sys.exit("thidua run failed (status %d) on %s" % (status, config))
    figures = {}
    if extra:
        with open(timings, encoding="utf-8") as handle:
            figures = json.load(handle)
    phases = figures.get("phases", figures)
    return wall, usage.ru_maxrss / 1024, phases, figures


def measure(binary, config, jobs, runs, work):
    walls, rss, per_phase, figures = [], [], {p: [] for p in PHASES}, {}
    for _ in range(runs):
        wall, peak, phases, figures = run_once(binary, config, jobs, work)
        walls.append(wall)
        rss.append(peak)
        for phase in PHASES:
            per_phase[phase].append(float(phases.get(phase, 0)))
    return {
        "wall": statistics.median(walls),
        "rss": statistics.median(rss),
        "phases": {p: statistics.median(v) for p, v in per_phase.items()},
        "rows": int(figures.get("rows", 0)),
        "input_bytes": int(figures.get("input_bytes", 0)),
    }


def report_main(one, two, data_path):
    mb = os.path.getsize(data_path) / 1e6
    print()
    print("100,000 groups × 4 quarters + the year, every output written (medians)")
    print("input: %.1f MB" % mb)
    if not any(one["phases"].values()):
        print("(this build has no `run --timings`: phase figures are 0; wall time and memory are measured)")
    print()
    print("%-16s %10s %10s %8s" % ("phase", "--jobs 1", "--jobs 2", "speed-up"))
    for phase in PHASES:
        a, b = one["phases"][phase], two["phases"][phase]
        print("%-16s %9.3fs %9.3fs %7.2f×" % (phase, a, b, a / b if b > 0 else float("nan")))
    print("%-16s %9.3fs %9.3fs %7.2f×" % ("whole run (wall)", one["wall"], two["wall"], one["wall"] / two["wall"]))
    print()
    read = two["phases"]["read"]
    rows = two["rows"] or 400_000
    print("rows per second (whole run, 2 jobs): %s" % format(int(rows / two["wall"]), ","))
    if read > 0:
        print("input MB per second (read phase, 2 jobs): %.0f MB/s (%.0f MB/s per core)" % (mb / read, mb / read / 2))
    if one["phases"]["read"] > 0:
        print("input MB per second (read phase, 1 job): %.0f MB/s" % (mb / one["phases"]["read"]))
    print("peak resident memory: %.0f MB (1 job), %.0f MB (2 jobs)" % (one["rss"], two["rss"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported)")
    parser.add_argument("--skip-million", action="store_true", help="skip the 1,000,000-group quarter")
    parser.add_argument("--work", help="folder for generated data (kept between runs); default: a temp folder")
    args = parser.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="thidua-bench-")
    os.makedirs(work, exist_ok=True)
    binary = build(os.path.join(ROOT, ".build-bench"))
    year = ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]

    data = generate(binary, work, 100_000, year)
    config = make_config(work, data, year)
    one = measure(binary, config, 1, args.runs, work)
    two = measure(binary, config, 2, args.runs, work)
    report_main(one, two, data)

    print()
    print("cost per group (2 jobs, whole run incl. writing):")
    scales = [(10_000, year), (100_000, year)]
    if not args.skip_million:
        scales.append((1_000_000, ["2020-Q1"]))
    for groups, periods in scales:
        if groups == 100_000:
            figures = two
        else:
            scaled = make_config(work, generate(binary, work, groups, periods), periods)
            figures = measure(binary, scaled, 2, max(1, args.runs if groups < 1_000_000 else 1), work)
        rows = groups * len(periods)
        print("  %9s groups × %d period%s: %7.3f s, %6.2f µs per row, peak %5.0f MB"
              % (format(groups, ","), len(periods), "" if len(periods) == 1 else "s",
                 figures["wall"], figures["wall"] / rows * 1e6, figures["rss"]))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
