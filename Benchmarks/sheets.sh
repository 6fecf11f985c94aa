#!/usr/bin/env bash
# A county ledger as .xlsx against the same sheet as CSV (issue 13): ROWS rows (default
# 50,000) made from examples/ledger/make.py's communities, the .xlsx saved by LibreOffice
# from the CSV; `jiayuan check` time and peak RSS on one thread, with the shipped policies
# (the ledger's county is covered) and with the county renamed (reading and decoding only).
#
#   Benchmarks/sheets.sh
#   ROWS=10000 JIAYUAN=.build/release/jiayuan Benchmarks/sheets.sh
#
# Needs: python3, soffice (apt-get install -y libreoffice-calc-nogui), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-50000}
JIAYUAN=${JIAYUAN:-.build/release/jiayuan}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
[ -x "$JIAYUAN" ] || swift build -c release --product jiayuan >&2
python3 - "$ROWS" "$DATA" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("make", "examples/ledger/make.py")
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
rows, data = int(sys.argv[1]), sys.argv[2]
lines = [m.csv_line(m.HEADER)]
for k in range(rows):
    i = k % 30 + 1
    c = m.community(i)
    c["id"] = "AH-LA-SC-%06d" % k
    lines.append(m.csv_line(m.row(i, c)))
text = "\r\n".join(lines) + "\r\n"
open(data + "/checked.csv", "w", encoding="utf-8").write(text)
open(data + "/read.csv", "w", encoding="utf-8").write(text.replace("舒城县", "某某县"))
PY
for name in checked read; do
  soffice --headless -env:UserInstallation="file://$DATA/profile" --convert-to xlsx --infilter=CSV:44,34,76,1 \
    --outdir "$DATA" "$DATA/$name.csv" >/dev/null 2>&1
done
printf '| rows | run | CSV MB | xlsx MB | CSV s | xlsx s | ratio | CSV peak MB | xlsx peak MB |\n|---|---|---|---|---|---|---|---|---|\n'
for name in checked read; do
  measure() { JIAYUAN_THREADS=1 /usr/bin/time -f "%e %M" "$JIAYUAN" check "$1" --no-progress --format json --output /dev/null 2>&1 >/dev/null | tail -1; }
  read -r cs cm < <(measure "$DATA/$name.csv")
  read -r xs xm < <(measure "$DATA/$name.xlsx")
  awk -v r="$ROWS" -v n="$name" -v c="$(stat -c %s "$DATA/$name.csv")" -v x="$(stat -c %s "$DATA/$name.xlsx")" \
    -v cs="$cs" -v xs="$xs" -v cm="$cm" -v xm="$xm" \
    'BEGIN { printf "| %d | %s | %.1f | %.1f | %.2f | %.2f | %.2f | %d | %d |\n", r, n, c/1e6, x/1e6, cs, xs, xs/cs, cm/1024, xm/1024 }'
done
