#!/usr/bin/env python3
"""Regenerates the seed corpora Fuzz/corpus/TARGET from the YAML and JSON test suites, the
hostile files, the shipped policies, the examples and cases/. Run from anywhere; needs PyYAML
only to pull record sources and conditions out of case and policy files. Each seed is
named by the SHA-1 of its bytes (as libFuzzer names corpus files), so reruns are stable.
Keep the corpora small: they are checked in."""
import glob, hashlib, os, sys
import yaml

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
shared = os.path.join(os.path.dirname(root), "shared", "testdata")

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > 16384:
        return
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def read(path):
    with open(path, "rb") as f:
        return f.read()

suite = sorted(glob.glob(os.path.join(shared, "yaml-test-suite", "*", "in.yaml")))
hostile = sorted(glob.glob(os.path.join(shared, "hostile", "*.yaml")))
policies = sorted(glob.glob(os.path.join(root, "policies", "*.yaml")))
cases = sorted(glob.glob(os.path.join(root, "cases", "**", "*.yaml"), recursive=True))
examples = sorted(glob.glob(os.path.join(root, "examples", "records", "**", "*.*"), recursive=True))

# 1. YAML layer: every suite input, the hostile files, policies, examples, case files.
for p in suite + hostile + policies + cases + [e for e in examples if not e.endswith(".csv")]:
    put("yaml", read(p))

# 2. Records: first byte 0 = YAML, 1 = CSV (bit 1 set = small limits).
def record_seed(data, csv):
    put("records", bytes([1 if csv else 0]) + data)
    put("records", bytes([3 if csv else 2]) + data)
for e in examples:
    record_seed(read(e), e.endswith(".csv"))
for p in hostile:
    record_seed(read(p), False)
for p in suite[::8]:
    record_seed(read(p), False)
for c in cases:
    try:
        doc = yaml.safe_load(read(c))
    except Exception:
        continue
    if not isinstance(doc, dict):
        continue
    base = doc.get("base")
    if isinstance(base, dict):
        record_seed(yaml.safe_dump(base, allow_unicode=True).encode(), False)
    for case in doc.get("cases") or []:
        src = case.get("source") if isinstance(case, dict) else None
        if isinstance(src, str):
            record_seed(src.encode(), str(case.get("source_name", "")).endswith(".csv"))

# 3. Policies: the shipped ones, the hostile files, a few suite inputs.
for p in policies + hostile + suite[::16]:
    put("policy", read(p))

# 4. Conditions: every `applies`/`when`/condition string in the policies and cases.
conds = set()
def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in ("applies", "condition", "when", "test", "where", "if"):
                conds.add(v)
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)
for p in policies + cases:
    try:
        walk(yaml.safe_load(read(p)))
    except Exception:
        pass
conds |= {
    "households >= 100 and not (has_party_org = false)",
    "count_events('1y', 'fire_drill') >= 1",
    "fee_collection_rate() >= $rate",
    "jurisdiction.city in ['绍兴市', '六安市']",
    "present(owners_committee.members) or absent(fees.2024.due)",
    "has_award('city', '文明小区', 2023)",
    "as_of >= 2024-01-01",
    "owners_committee.party_members >= 60%",
    "((((((((not true))))))))",
    "'a' = \"b\"",
}
for c in sorted(conds):
    put("expression", c)

# 5. JSON: first byte 0 = one value, 1 = array of records, 2 = JSON Lines (bit 2 set =
# small limits): every JSON test suite file as one value, the examples as JSON records.
import datetime, json
def plain(o):
    if isinstance(o, (datetime.date, datetime.datetime)):
        return o.isoformat()
    raise TypeError(type(o))
for p in sorted(glob.glob(os.path.join(shared, "json-test-suite", "test_parsing", "*.json"))):
    put("json", bytes([0]) + read(p))
records = []
for e in examples:
    if e.endswith((".yaml", ".yml")):
        try:
            records += [d for d in yaml.safe_load_all(read(e)) if isinstance(d, dict)]
        except Exception:
            pass
for r in records[:12]:
    put("json", bytes([1]) + json.dumps(r, default=plain).encode())
    put("json", bytes([5]) + json.dumps(r, default=plain, ensure_ascii=False, indent=2).encode())
put("json", bytes([1]) + json.dumps(records[:4], default=plain, indent=1).encode())
put("json", bytes([2]) + "\n".join(json.dumps(r, default=plain, ensure_ascii=False) for r in records[:6]).encode())
put("json", bytes([6]) + "\r\n".join(json.dumps(r, default=plain) for r in records[6:9]).encode())
# The record decoder's JSON modes (bit 2 JSON, bit 3 JSON Lines).
for r in records[:6]:
    put("records", bytes([4]) + json.dumps(r, default=plain).encode())
put("records", bytes([4]) + json.dumps(records[:3], default=plain, ensure_ascii=False, indent=2).encode())
put("records", bytes([12]) + "\n".join(json.dumps(r, default=plain) for r in records[:5]).encode())
put("records", bytes([14]) + "\n".join(json.dumps(r, default=plain) for r in records[5:8]).encode())

# 6. CSV: first byte 0 = guess the encoding, 1 = UTF-8, 2 = GB18030 (bit 2 set = small
# limits): every CSV of the examples and the spreadsheet fixtures, each also cut to its
# first rows so the fuzzer starts from small tables, and the CSV case sources.
sheets = sorted(glob.glob(os.path.join(root, "examples", "**", "*.csv"), recursive=True))
sheets += sorted(glob.glob(os.path.join(root, "Tests", "JiayuanTests", "Fixtures", "sheets", "*.csv")))
sheets += sorted(glob.glob(os.path.join(root, "Tests", "JiayuanTests", "Fixtures", "mixed", "*.csv")))
for p in sheets:
    data = read(p)
    gbk = "gbk" in os.path.basename(p)
    head = b"\n".join(data.split(b"\n")[:4]) + b"\n"
    for first, body in ((0, data), (2 if gbk else 1, data), (0, head), (4, head)):
        put("csv", bytes([first]) + body)
for c in cases:
    try:
        doc = yaml.safe_load(read(c))
    except Exception:
        continue
    for case in (doc.get("cases") or []) if isinstance(doc, dict) else []:
        if isinstance(case, dict) and str(case.get("source_name", "")).endswith(".csv") and isinstance(case.get("source"), str):
            put("csv", bytes([0]) + case["source"].encode())

# 7. xlsx: first byte 0 = the whole workbook (the fixtures and examples that fit), 1-5 = one
# part of the target's own workbook replaced (sheet, shared strings, styles, workbook,
# relationships: the parts of the fixtures), 6 = a sheet and shared strings cut at a NUL.
import zipfile
books = sorted(glob.glob(os.path.join(root, "Tests", "JiayuanTests", "Fixtures", "sheets", "*.xlsx")))
books += sorted(glob.glob(os.path.join(root, "examples", "**", "*.xlsx"), recursive=True))
part_modes = {"xl/worksheets/sheet1.xml": 1, "xl/sharedStrings.xml": 2, "xl/styles.xml": 3,
              "xl/workbook.xml": 4, "xl/_rels/workbook.xml.rels": 5}
for p in books:
    put("xlsx", bytes([0]) + read(p))
    with zipfile.ZipFile(p) as z:
        names = set(z.namelist())
        for name, mode in part_modes.items():
            if name in names:
                put("xlsx", bytes([mode]) + z.read(name))
        if "xl/worksheets/sheet1.xml" in names and "xl/sharedStrings.xml" in names:
            put("xlsx", bytes([6]) + z.read("xl/worksheets/sheet1.xml") + b"\0" + z.read("xl/sharedStrings.xml"))
for mode in range(1, 7):
    put("xlsx", bytes([mode]))
