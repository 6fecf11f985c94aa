#!/bin/sh
# Makes the spreadsheet fixtures from ledger.csv (UTF-8, written by hand, as a county's
# 台账 looks: a title row, 序号 and 备注 columns, spreadsheet cell forms, a blank row and a
# 合计 row): ledger.xlsx saved by LibreOffice Calc, ledger-gbk.csv in GB18030 (what
# Chinese-locale Excel writes) and ledger-bom.csv in UTF-8 with a BOM. ledger.yaml is the
# same data as YAML, written by hand. Run once, commit the results; CI does not need
# LibreOffice. Needs: apt-get install -y libreoffice-calc-nogui (soffice) and iconv.
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# CSV import options: comma (44), double quote (34), UTF-8 (76), from row 1.
soffice --headless -env:UserInstallation="file://$out/profile" --convert-to xlsx \
  --infilter=CSV:44,34,76,1 --outdir "$out" ledger.csv >/dev/null
mv "$out/ledger.xlsx" ledger.xlsx
iconv -f UTF-8 -t GB18030 ledger.csv >ledger-gbk.csv
printf '\357\273\277' | cat - ledger.csv >ledger-bom.csv
# The template of `jiayuan template --format xlsx`, opened and saved again by LibreOffice.
if [ -x ../../../../.build/debug/jiayuan ]; then
  ../../../../.build/debug/jiayuan template --format xlsx >"$out/template.xlsx"
  mkdir "$out/resaved"
  soffice --headless -env:UserInstallation="file://$out/profile" --convert-to xlsx \
    --outdir "$out/resaved" "$out/template.xlsx" >/dev/null
  mv "$out/resaved/template.xlsx" template-resaved.xlsx
fi
