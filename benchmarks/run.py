"""Benchmark xlfund consolidate against the job's lower bound and the script most people write.

Corpora (generated deterministically, cached under benchmarks/.corpora/):
  many-small  500 files x 60 rows      few-large  4 files x 100,000 rows
  few-large-2x / -4x                  8 / 16 files x 100,000 rows (linearity; 4x crosses
                                      Excel's 1,048,576-row limit, so 明细2 is written)
  repeated-4000  1 file x 4,000 rows of one recipient (a payment plan, one line per
                 instalment): duplicate findings must grow linearly, not as 4,000²
Each file: a title row, a header, 6 columns of Chinese text and amounts, a 合计 row.

Every contender runs as a whole process; we report the median wall time of --repeat runs
and the peak resident memory of the process (ru_maxrss of the child).

  python benchmarks/run.py                     # all corpora, 3 repeats
  python benchmarks/run.py --corpus many-small --repeat 1
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE / ".corpora"
DISTRICTS = ["高新区", "赫山区", "资阳区", "安化县", "桃江县", "南县", "沅江市", "大通湖区"]
WORDS = "兴盛网络食品科技商贸农业电子商务物流快递竹业茶业服饰信息"
PURPOSES = ["平台运营费用", "产品线上推广费用", "快递设备购置", "电商人才培训", "软件系统开发与升级", "网店运营及推广"]

SHAPES = {
    "many-small": (500, 60),
    "few-large": (4, 100_000),
    "few-large-2x": (8, 100_000),
    "few-large-4x": (16, 100_000),
    "repeated-4000": (1, 4_000),
}
REPEATED = {"repeated-4000": "益阳市兴盛电子商务有限公司"}  # every row names this recipient

LOWER_BOUND = r'''
import sys
from pathlib import Path
import python_calamine, xlsxwriter
folder, out = Path(sys.argv[1]), sys.argv[2]
book = xlsxwriter.Workbook(out, {"constant_memory": True})
ws = book.add_worksheet("明细")
r = 0
for path in sorted(folder.glob("*.xlsx")):
    wb = python_calamine.load_workbook(str(path))
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            for c, v in enumerate(row):
                ws.write(r, c, v)
            r += 1
            if r >= 1_048_576:
                ws = book.add_worksheet(f"明细{book.worksheets().__len__() + 1}")
                r = 0
book.close()
'''

NAIVE = r'''
import sys
from pathlib import Path
import pandas as pd
folder, out = Path(sys.argv[1]), sys.argv[2]
frames = [pd.read_excel(p, engine="openpyxl", header=1) for p in sorted(folder.glob("*.xlsx"))]
data = pd.concat(frames, ignore_index=True)
with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
    for i in range(0, len(data), 1_048_575):
        data.iloc[i:i + 1_048_575].to_excel(writer, sheet_name="明细" if i == 0 else f"明细{i // 1_048_575 + 1}", index=False)
'''


def corpus_rows(name: str):
    """(file index, district, rows) per file, each row (name, amount in 万元, purpose); deterministic."""
    files, rows = SHAPES[name]
    rng = random.Random(2018)
    for f in range(files):
        district = DISTRICTS[f % len(DISTRICTS)]
        items = []
        for i in range(rows):
            amount_cents = rng.randrange(100, 200_000)
            name_text = "".join(rng.choice(WORDS) for _ in range(6)) + f"有限公司{f:03d}{i:06d}"
            name_text = REPEATED.get(name, name_text)
            items.append((name_text, amount_cents, rng.choice(PURPOSES)))
        yield f, district, items


def expected_total_cents(name: str) -> int:
    return sum(cents for _f, _d, items in corpus_rows(name) for _n, cents, _p in items)


def write_settings(folder: Path, name: str) -> None:
    """The fund's settings, as every real folder has them: a cap (the corpus total, rounded up),
    without which lines over 1,000 万元 (half of these random ones) are each an error to settle."""
    cap = expected_total_cents(name) // 100 + 1
    (folder / "xlfund.toml").write_text(f'[fund]\nname = "专项资金"\nyear = 2024\ncap = {cap}\n', encoding="utf-8")


def generate(name: str) -> Path:
    """Write the corpus once (same seed, same bytes), reuse it afterwards."""
    import xlsxwriter

    folder = CORPORA / name
    marker = folder / ".complete"
    if marker.exists():
        if not (folder / "xlfund.toml").exists():
            write_settings(folder, name)
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for f, district, items in corpus_rows(name):
        book = xlsxwriter.Workbook(str(folder / f"{district}-{f:03d}.xlsx"), {"constant_memory": True})
        ws = book.add_worksheet(district)
        ws.write_string(0, 0, f"2024年{district}专项资金分配明细表")
        for c, head in enumerate(["序号", "企业名称", "所属区县", "扶持金额（万元）", "资金用途", "备注"]):
            ws.write_string(1, c, head)
        for i, (name_text, cents, purpose) in enumerate(items):
            ws.write_number(i + 2, 0, i + 1)
            ws.write_string(i + 2, 1, name_text)
            ws.write_string(i + 2, 2, district)
            ws.write_number(i + 2, 3, cents / 100)
            ws.write_string(i + 2, 4, purpose)
            ws.write_string(i + 2, 5, "")
        ws.write_string(len(items) + 2, 0, "合计")
        ws.write_number(len(items) + 2, 3, sum(c for _n, c, _p in items) / 100)
        book.close()
    write_settings(folder, name)
    marker.write_text("ok")
    return folder


def verify(name: str, output: Path) -> str:
    """Check the big output itself: every 明细 sheet is covered and the total is exact."""
    import openpyxl

    formulas = openpyxl.load_workbook(output, read_only=True)
    details = [n for n in formulas.sheetnames if n.startswith("明细")]
    total_formula = next(formulas["汇总"].iter_rows(min_row=7, max_row=7, min_col=2, max_col=2, values_only=True))[0]
    formulas.close()
    values = openpyxl.load_workbook(output, read_only=True, data_only=True)
    stored = next(values["汇总"].iter_rows(min_row=7, max_row=7, min_col=2, max_col=2, values_only=True))[0]
    values.close()
    expected = expected_total_cents(name) / 100
    covered = all(f"{d}!" in total_formula for d in details)
    ok = covered and abs(stored - expected) < 0.005
    return f"{'verified' if ok else 'MISMATCH'}: sheets {', '.join(details)}; total formula covers all: {covered}; stored {stored:,.2f} vs generated {expected:,.2f}"


# Run by a clean parent process: the command's wall time, the peak RSS of its largest process
# (ru_maxrss), and the peak of the whole process tree sampled every 20 ms as proportional set
# size (PSS: pages shared after fork counted once), since xlfund reads big folders in workers.
PROBE = r"""
import json, os, resource, subprocess, sys, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids

def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except OSError:
        return 0

t = time.perf_counter()
p = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak_tree = 0
while p.poll() is None:
    peak_tree = max(peak_tree, sum(pss_kib(q) for q in tree(p.pid)))
    time.sleep(0.02)
err = p.stderr.read()
seconds = time.perf_counter() - t
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, peak_tree, p.returncode, err.decode()[-300:]]))
"""


def measure(command: list[str]) -> tuple[float, int, int, int]:
    """(seconds, peak RSS of the largest process in MB, peak PSS of the process tree in MB, exit code)."""
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(command)], capture_output=True, text=True, check=True)
    seconds, rss_kib, tree_kib, code, err = json.loads(done.stdout)
    if code not in (0, 1):
        print(f"  ! {command[:3]} exited {code}: {err}", file=sys.stderr)
    return seconds, rss_kib // 1024, tree_kib // 1024, code


def contenders(folder: Path, out_dir: Path) -> dict[str, list[str]]:
    xlfund = [sys.executable, "-m", "xlfund.cli", "consolidate", str(folder), "-o", str(out_dir / "xlfund.xlsx")]
    return {
        "xlfund": xlfund,
        "lower bound": [sys.executable, "-c", LOWER_BOUND, str(folder), str(out_dir / "lower.xlsx")],
        "naive pandas": [sys.executable, "-c", NAIVE, str(folder), str(out_dir / "naive.xlsx")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=list(SHAPES), action="append")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-naive-above", type=int, default=400_000, help="rows above which the naive script is not run")
    args = parser.parse_args()
    names = args.corpus or list(SHAPES)
    results: dict[str, dict[str, tuple[float, int, int]]] = {}
    for name in names:
        folder = generate(name)
        files, rows = SHAPES[name]
        print(f"\n{name}: {files} files x {rows:,} rows = {files * rows:,} rows")
        results[name] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for label, command in contenders(folder, Path(tmp)).items():
                if label == "naive pandas" and files * rows > args.skip_naive_above:
                    continue
                runs = [measure(command) for _ in range(args.repeat)]
                if label == "xlfund":
                    print("  " + verify(name, Path(tmp) / "xlfund.xlsx"))
                median = statistics.median(r[0] for r in runs)
                peak, tree = max(r[1] for r in runs), max(r[2] for r in runs)
                results[name][label] = (median, peak, tree)
                print(f"  {label:<14} {median:8.2f} s   largest process {peak:5d} MB   all processes {tree:5d} MB   (exit {runs[0][3]})")
        ours = results[name]["xlfund"][0]
        lower = results[name]["lower bound"][0]
        line = f"  xlfund / lower bound = {ours / lower:.2f}x"
        if "naive pandas" in results[name]:
            line += f"; naive / xlfund = {results[name]['naive pandas'][0] / ours:.1f}x"
        print(line)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xlfund.cli", "--help"], stdout=subprocess.DEVNULL, check=True)
    print(f"\nxlfund --help: {time.perf_counter() - start:.2f} s (whole process)")
    if {"few-large", "few-large-2x", "few-large-4x"} <= set(results):
        base = results["few-large"]["xlfund"][0]
        print("linearity (few-large): " + ", ".join(f"{k}: {results[k]['xlfund'][0] / base:.2f}x time" for k in ("few-large", "few-large-2x", "few-large-4x")))


if __name__ == "__main__":
    main()
