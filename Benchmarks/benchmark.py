#!/usr/bin/env python3
"""National-scale benchmark of thidua: a full year of 100,000 residential groups.

Builds the release binary (into .build-bench, apart from the debug build),
generates synthetic data with `thidua generate`, and runs the sample round's
config on it: `thidua run --year`, every output file written, several times
with --jobs 1 and --jobs 2, the two taking turns. Prints the medians of the wall time of each phase
(from `thidua run --timings FILE`), rows and MB per second, parsing speed per
core, peak resident memory, the 1 -> 2 jobs speed-ups, and the time per group
at 10,000, 100,000 and 1,000,000 groups.

Usage (from the repository root):
    python3 Benchmarks/benchmark.py                 # everything, 7 runs each
    python3 Benchmarks/benchmark.py --runs 3 --skip-million
    python3 Benchmarks/benchmark.py --work /tmp/thidua-bench   # keep the data

Only public tools: Python 3's standard library and the Swift toolchain.
Wall time and peak memory come from the operating system (wait4), the phases
from thidua itself.
"""

import argparse
import json
import os
import platform
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
QUARTERS = ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]


def sh(args, **kwargs):
    return subprocess.run(args, check=True, **kwargs)


def build(scratch):
    print("building the release binary …", flush=True)
    sh(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "thidua"],
       cwd=ROOT, stdout=subprocess.DEVNULL)
    return os.path.join(scratch, "release", "thidua")


def make_config(work, data, periods):
    """The sample config (with its year block), reading `data` and evaluating `periods`."""
    text = open(CONFIG, encoding="utf-8").read()
    text, data_lines = re.subn(r"(?m)^  data: .*$", "  data: " + json.dumps(data), text)
    text, period_lines = re.subn(r"(?m)^  periods: .*$", "  periods: [" + ", ".join(periods) + "]", text)
    if (data_lines, period_lines) != (1, 1):
        sys.exit("benchmark: %s no longer has one '  data:' and one '  periods:' line under round:" % CONFIG)
    path = os.path.join(work, os.path.basename(data).replace("data-", "round-").replace(".csv", ".yaml"))
    open(path, "w", encoding="utf-8").write(text)
    return path


def generate(binary, work, groups, periods):
    path = os.path.join(work, "data-%d-%d.csv" % (groups, len(periods)))
    if not os.path.exists(path):
        print("generating %s groups × %d period%s …" % (format(groups, ","), len(periods),
                                                        "" if len(periods) == 1 else "s"), flush=True)
        sh([binary, "generate", "--groups", str(groups), "--periods", ",".join(periods), "--seed", "79",
            "--out", path], stdout=subprocess.DEVNULL)
    return path


def run_once(binary, config, jobs, work, scope):
    """One `thidua run`: wall seconds, peak RSS in MB, the --timings figures."""
    out = os.path.join(work, "out")
    timings = os.path.join(work, "timings.json")
    shutil.rmtree(out, ignore_errors=True)
    command = [binary, "run", config] + scope + ["--jobs", str(jobs), "--out", out, "--quiet",
                                                 "--timings", timings]
    errors = os.path.join(work, "stderr.txt")
    with open(errors, "wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(errors, encoding="utf-8", errors="replace") as handle:
            tail = [line for line in handle.read().splitlines() if not line.startswith("warning: ")][-10:]
        sys.exit("thidua run failed (exit status %d): %s\n%s" % (code, " ".join(command), "\n".join(tail)))
    with open(timings, encoding="utf-8") as handle:
        figures = json.load(handle)
    return wall, usage.ru_maxrss / 1024, figures


def measure(binary, config, jobs_list, runs, work, scope):
    """Medians over `runs` runs of the wall time, the peak memory and each
    phase, for each job count in `jobs_list`. The job counts take turns
    (1, 2, 1, 2, ...), so that a machine whose speed drifts during the
    benchmark slows both alike and the speed-ups compare like with like."""
    samples = {jobs: [] for jobs in jobs_list}
    for _ in range(runs):
        for jobs in jobs_list:
            samples[jobs].append(run_once(binary, config, jobs, work, scope))
    results = []
    for jobs in jobs_list:
        runs_of = samples[jobs]
        figures = runs_of[-1][2]
        results.append({
            "wall": statistics.median(wall for wall, _, _ in runs_of),
            "rss": statistics.median(peak for _, peak, _ in runs_of),
            "phases": {p: statistics.median(float(f[p]) for _, _, f in runs_of) for p in PHASES},
            "ranges": {p: (min(float(f[p]) for _, _, f in runs_of), max(float(f[p]) for _, _, f in runs_of))
                       for p in PHASES},
            "rows": int(figures["rows"]),
            "input_bytes": int(figures["input_bytes"]),
            "periods": int(figures["periods"]),
        })
    return results


def machine():
    model = "unknown processor"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        model = platform.processor() or model
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return "%s, %d cores, %s; %s" % (model, os.cpu_count() or 0, platform.system(), swift[0] if swift else "swift")


def spread(figures, phase):
    low, high = figures["ranges"][phase]
    return "%.3f-%.3fs" % (low, high)


def report_main(one, two, runs):
    mb = two["input_bytes"] / 1e6
    print()
    print("100,000 groups × 4 quarters + the year, `run --year`, every output written")
    print("medians of %d runs each, 1 and 2 jobs taking turns; input %.1f MB, %s rows"
          % (runs, mb, format(two["rows"], ",")))
    print()
    print("%-16s %10s %10s %9s" % ("phase", "--jobs 1", "--jobs 2", "speed-up"))
    for phase in PHASES:
        a, b = one["phases"][phase], two["phases"][phase]
        print("%-16s %9.3fs %9.3fs %8.2f×" % (phase, a, b, a / b if b > 0 else float("nan")))
    print("%-16s %9.3fs %9.3fs %8.2f×" % ("whole run (wall)", one["wall"], two["wall"], one["wall"] / two["wall"]))
    print("(aggregate_rank and award include the year's, ranked and awarded on one worker while the")
    print(" others write the quarters' files: that share overlaps write, and gains little from a second job)")
    print("spread over the runs (min-max): score %s (1 job), %s (2 jobs); read %s, %s"
          % (spread(one, "score"), spread(two, "score"), spread(one, "read"), spread(two, "read")))
    print()
    print("rows per second, whole run:      %10s (1 job) %10s (2 jobs)"
          % (format(int(one["rows"] / one["wall"]), ","), format(int(two["rows"] / two["wall"]), ",")))
    print("input MB per second, whole run:  %10.1f (1 job) %10.1f (2 jobs)"
          % (mb / one["wall"], mb / two["wall"]))
    def per_core(figures, cores):
        read = figures["phases"]["read"]
        return mb / read / cores if read > 0 else float("nan")
    print("parsing (read phase), per core:  %10.1f (1 job) %10.1f (2 jobs)  MB/s" % (per_core(one, 1), per_core(two, 2)))
    print("peak resident memory:            %10.0f (1 job) %10.0f (2 jobs)  MB" % (one["rss"], two["rss"]))


def report_scaling(rows):
    print()
    print("cost per group, `--jobs 2`, every output written (medians):")
    print("  %-38s %9s %22s %9s" % ("run", "wall", "per group and quarter", "peak"))
    for label, figures, group_periods in rows:
        print("  %-38s %8.3fs %19.2f µs %6.0f MB"
              % (label, figures["wall"], figures["wall"] / group_periods * 1e6, figures["rss"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median reported)")
    parser.add_argument("--skip-million", action="store_true", help="skip the 1,000,000-group quarter")
    parser.add_argument("--work", help="folder for generated data (kept between runs); default: a temp folder")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    work = args.work or tempfile.mkdtemp(prefix="thidua-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        run_all(args, work)
    finally:
        # The generated data (some 200 MB) is removed even when a run fails
        # or the benchmark is interrupted, unless --work asked to keep it.
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


def run_all(args, work):
    binary = build(os.path.join(ROOT, ".build-bench"))
    print("machine: " + machine(), flush=True)

    data = generate(binary, work, 100_000, QUARTERS)
    config = make_config(work, data, QUARTERS)
    one, two = measure(binary, config, [1, 2], args.runs, work, ["--year"])
    report_main(one, two, args.runs)

    # Two pairs of runs of the same shape, ten times apart: a flat cost per
    # group within each pair means the cost grows linearly.
    def one_quarter(groups):
        return make_config(work, generate(binary, work, groups, ["2020-Q1"]), ["2020-Q1"])

    small = make_config(work, generate(binary, work, 10_000, QUARTERS), QUARTERS)
    rows = [
        ("10,000 groups × 4 quarters + year", measure(binary, small, [2], args.runs, work, ["--year"])[0], 40_000),
        ("100,000 groups × 4 quarters + year", two, 400_000),
        ("100,000 groups × 1 quarter",
         measure(binary, one_quarter(100_000), [2], args.runs, work, ["--period", "2020-Q1"])[0], 100_000),
    ]
    if not args.skip_million:
        rows.append(("1,000,000 groups × 1 quarter",
                     measure(binary, one_quarter(1_000_000), [2], min(args.runs, 3), work, ["--period", "2020-Q1"])[0],
                     1_000_000))
    report_scaling(rows)


if __name__ == "__main__":
    main()
