#!/usr/bin/env python3
"""The hostile-input table: each input of issue 6 through `jiayuan check`, with what it
gave (exit status, rule, place, message), wall time and peak memory, then all of them in
one run beside a good record to show the rest of the run is unharmed.

    python3 Fuzz/hostile-table.py [JIAYUAN] [--lang en]

JIAYUAN defaults to .build/release/jiayuan (build it first). Needs GNU time. The files
are written to a temporary folder and removed afterwards; the largest is 256 MiB + 1.
The tests (HostileLimitsTests, HostileInputTests) assert the same outcomes; this prints
them with their cost.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = os.path.join(ROOT, "..", "shared", "testdata", "hostile")
MiB = 1 << 20


def record(rid, name="梅山花园", households="420", as_of="2024-06-30", extra=""):
    return (f"id: {rid}\nname: {name}\njurisdiction: {{province: 安徽省, city: 六安市, county: 舒城县}}\n"
            f"as_of: {as_of}\nhouseholds: {households}\n" + extra)


def inputs():
    """(name, what is expected, file name, bytes)"""
    out = []
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefghi", "abcdefgh"):
        laughs += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    out.append(("billion laughs (9 levels)", "refused", "laughs.yaml", laughs.encode()))
    budget = 10_000
    at = record("AL1", extra="campaigns:\n  - &c meihao\n" + "  - *c\n" * budget)
    over = record("AL2", extra="campaigns:\n  - &c meihao\n" + "  - *c\n" * (budget + 1))
    out.append(("alias expansion at the 10,000 budget", "passes", "alias-at.yaml", at.encode()))
    out.append(("alias expansion one over", "refused", "alias-over.yaml", over.encode()))
    out.append(("alias to its own ancestor", "refused", "cycle.yaml", b"id: &x [*x]\n"))
    out.append(("nesting at depth 64", "parses (x is an unknown field)", "depth-at.yaml",
                record("D1", extra="x: " + "[" * 63 + "]" * 63 + "\n").encode()))
    out.append(("nesting at depth 65", "refused", "depth-over.yaml",
                record("D2", extra="x: " + "[" * 64 + "]" * 64 + "\n").encode()))
    out.append(("scalar of 1 MiB", "passes", "scalar-at.yaml", record("S1", name="a" * MiB).encode()))
    out.append(("scalar of 10 MB", "refused", "scalar-10mb.yaml", record("S2", name="a" * 10_000_000).encode()))
    out.append(("NUL in a value", "refused", "nul.yaml", record("N1", name="梅山\0花园").encode()))
    bad_key = record("U1").encode().replace(b"households:", b"house\xffholds:")
    bad_value = record("U2").encode().replace("梅山".encode(), b"\xe6\xa2")
    out.append(("invalid UTF-8 in a key", "refused", "utf8-key.yaml", bad_key))
    out.append(("invalid UTF-8 in a value", "refused", "utf8-value.yaml", bad_value))
    out.append(("households 2^64 (overflow)", "refused", "overflow.yaml",
                record("O1", households="18446744073709551616").encode()))
    out.append(("households .nan", "refused", "nan.yaml", record("O2", households=".nan").encode()))
    out.append(("households .inf", "refused", "inf.yaml", record("O3", households=".inf").encode()))
    out.append(("as_of 2023-02-30", "refused", "date.yaml", record("T1", as_of="2023-02-30").encode()))
    out.append(("households -5", "refused", "negative.yaml", record("H1", households="-5").encode()))
    csv = ("\ufeffid,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households\r\n"
           "C1,甲,安徽省,六安市,舒城县,2024-06-30,100\r\nC2,乙,安徽省,六安市\r\n"
           "C3,丙,安徽省,六安市,舒城县,2024-06-30,100,extra\r\n")
    out.append(("CSV with a BOM and ragged rows", "row 1 passes, rows 2-3 refused", "ragged.csv", csv.encode()))
    for name in ["billion-laughs.yaml", "alias-self-cycle.yaml", "deep-flow-1000.yaml", "invalid-utf8.yaml",
                 "tab-indent.yaml", "bom-crlf-error.yaml"]:
        path = os.path.join(HOSTILE, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                out.append((f"testdata/hostile/{name}", "refused", "shared-" + name, f.read()))
    return out


def cap_files(folder):
    """A file at the 256 MiB cap (a record and comment padding) and one byte over."""
    body = record("CAP1").encode()
    pad = 256 * MiB - len(body)
    at = os.path.join(folder, "cap-at.yaml")
    with open(at, "wb") as f:
        f.write(body)
        line = b"#" + b"x" * 1022 + b"\n"
        while pad >= len(line):
            f.write(line)
            pad -= len(line)
        f.write(b"#" * (pad - 1) + b"\n" if pad else b"")
    over = os.path.join(folder, "cap-over.yaml")
    shutil.copyfile(at, over)
    with open(over, "ab") as f:
        f.write(b"\n")
    return [("file at the 256 MiB cap", "passes", at), ("file at the cap + 1 byte", "refused", over)]


def run(jiayuan, paths, lang):
    tfile = tempfile.mktemp()
    cmd = ["/usr/bin/time", "-o", tfile, "-f", "%e %M", jiayuan, "check", *paths, "--format", "json",
           "--no-progress", "--lang", lang]
    proc = subprocess.run(cmd, capture_output=True)
    with open(tfile) as f:
        secs, kb = f.read().split()[-2:]
    os.unlink(tfile)
    report = json.loads(proc.stdout) if proc.stdout else {}
    return proc.returncode, report, float(secs), int(kb) // 1024


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = "en" if "--lang" in sys.argv and "en" in sys.argv else "zh"
    jiayuan = os.path.abspath(args[0] if args else os.path.join(ROOT, ".build/release/jiayuan"))
    folder = tempfile.mkdtemp(prefix="jiayuan-hostile-")
    try:
        rows = []
        for name, expect, fname, data in inputs():
            path = os.path.join(folder, fname)
            with open(path, "wb") as f:
                f.write(data)
            rows.append((name, expect, path))
        rows += cap_files(folder)
        print("| input | expected | exit | records = checked + input errors | first error (rule, place, message) | s | peak MB |")
        print("|---|---|---|---|---|---|---|")
        for name, expect, path in rows:
            status, report, secs, mb = run(jiayuan, [path], lang)
            s = report.get("summary", {})
            errors = [f for f in report.get("findings", []) if f["severity"] == "error"]
            first = errors[0] if errors else None
            shown = (f'{first["rule"]} {first["line"]}:{first["column"]} {first["message"][:70]}' if first else "none")
            print(f'| {name} | {expect} | {status} | {s.get("records")} = {s.get("checked")} + {s.get("input_errors")} '
                  f'| {shown} | {secs:.2f} | {mb} |')
        # Everything at once, beside a good record: its findings are the ones it has alone.
        good = os.path.join(folder, "zz-good.yaml")
        shutil.copyfile(os.path.join(ROOT, "examples/records/shucheng/meishan.yaml"), good)
        _, alone, _, _ = run(jiayuan, [good], lang)
        status, mixed, secs, mb = run(jiayuan, [folder], lang)
        subject = "AH-LA-SC-0001"
        mine = lambda r: [f for f in r["findings"] if f["file"] == good and f["subject"] == subject]
        s = mixed["summary"]
        print(f'\nAll {len(rows) + 1} files in one run: exit {status}, {s["records"]} records = {s["checked"]} checked '
              f'+ {s["skipped"]} skipped + {s["input_errors"]} input errors, {secs:.2f} s, {mb} MB; the good record\'s '
              f'{len(mine(alone))} findings {"unchanged" if mine(alone) == mine(mixed) else "CHANGED"}.')
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
