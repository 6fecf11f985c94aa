#!/usr/bin/env python3
"""Makes the county ledger example: 30 communities of 舒城县 as a street office keeps them.

- shucheng-ledger-gbk.csv: the ledger as Chinese-locale Excel saves "CSV" (GB18030/GBK),
  with a title row, 序号 and 备注 columns, spreadsheet cell forms (是/否, √/×, 1,234,
  dates written four ways, 80%, 无 and -), a blank row, a 合计 row and trailing blank rows,
  and a date column for each event type the county's rules read (认领党建服务项目日期,
  业委会主任述职日期, 换届/主任离任日期, 离任经济责任审计日期: several dates in a cell
  separated by 、 or ；, an empty cell for none held);
- shucheng-ledger.xlsx: the same sheet saved by LibreOffice Calc (headless --convert-to);
- ../../Tests/JiayuanTests/Fixtures/ledger/shucheng-ledger.yaml: the same records as
  YAML, which the tests check the two against (kept out of examples/ so that checking a
  folder does not read the data twice).

Run once and commit the results (needs python3, and soffice from libreoffice-calc-nogui
for the .xlsx); CI does not run it. The data are made up, deterministic.
"""
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TWIN = os.path.join(HERE, "..", "..", "Tests", "JiayuanTests", "Fixtures", "ledger", "shucheng-ledger.yaml")

NAMES = ["梅山花园", "桃溪新村", "春秋家园", "龙津苑", "万佛湖小区", "杭埠人家", "城南新区", "鼓楼小区", "舒茶园",
         "晓天山庄", "南溪花苑", "文昌苑", "北门小区", "七里河小区", "凤凰城", "春晖园", "棠树家园", "干汊河新村",
         "汤池苑", "丰乐小区", "河棚花园", "高峰小区", "柏林小区", "阙店新村", "五显花园", "山七小区", "庐镇家园",
         "张母桥新村", "百神庙小区", "南港花苑"]
STREETS = [("城关镇", "梅山社区"), ("千人桥镇", "春秋社区"), ("杭埠镇", "杭埠社区"), ("桃溪镇", "桃溪社区"), ("干汊河镇", "干汊河社区")]
LABELS = {"commodity": "商品住宅", "old": "老旧小区", "resettlement": "安置房", "affordable": "保障性住房",
          "professional": "专业化物业服务", "self_managed": "业主自管", "backstop": "街道社区兜底", "none": "无物业",
          "committee": "业主委员会", "management_committee": "物业管理委员会", "branch": "小区党支部", "grid_branch": "网格党支部"}


def community(i):
    """The facts of community i (1…30), as YAML values."""
    c = {"id": "AH-LA-SC-%04d" % (1000 + i), "name": NAMES[i - 1]}
    c["street"], c["neighborhood"] = STREETS[i % len(STREETS)]
    c["households"] = 120 + (i * 97) % 1400
    c["built_year"] = 1990 + (i * 7) % 33
    c["category"] = "old" if c["built_year"] < 2000 else ["commodity", "resettlement", "commodity", "affordable"][i % 4]
    c["mode"] = "none" if i % 10 == 0 else "self_managed" if i % 7 == 0 else "backstop" if i % 9 == 0 else "professional"
    if c["mode"] != "none":
        c["since"] = (2015 + i % 9, 1 + i % 12, 1 + (i * 3) % 28)
    if c["mode"] == "professional":
        c["company"] = "舒城县%s物业服务有限公司" % ["安泰", "恒信", "万家", "龙舒", "春晖"][i % 5]
        c["company_party_org"] = i % 3 != 0
    elif c["mode"] == "backstop":
        c["company"] = "舒城县城投物业管理有限公司"
        c["company_party_org"] = True
    c["owners_assembly"] = i % 4 != 0
    if i % 5 != 0:
        c["oc_kind"] = "management_committee" if i % 11 == 0 else "committee"
        c["members"] = 5 + i % 5
        c["party_members"] = (c["members"] * (1 + i % 3)) // 4 + 1
    if i % 6 != 0:
        c["pb_kind"] = "grid_branch" if i % 4 == 0 else "branch"
        c["pb_formed"] = (2021 + i % 3, 1 + i % 12, 1 + i % 27)
    if c["mode"] in ("professional", "backstop"):
        due = c["households"] * 1500 + i * 100
        c["due"] = due
        c["collected"] = due * (88 + i % 12) // 100
    c["service_area"] = round(c["households"] * (0.2 + (i % 5) * 0.05))
    c["score"] = 80 + i % 20 + (0.5 if i % 3 == 0 else 0)
    c["rate"] = 60 + i % 40
    # Events, by type: the dates a street office writes into the ledger's event columns.
    ev = {}
    if c["mode"] == "professional" and c.get("company_party_org"):
        ev["party_service_project"] = [[(2023, 5, 20), (2023, 10, 8)], [(2023, 6, 1)], [(2023, 4, 2), (2023, 9, 9), (2024, 3, 3)]][i % 3]
    if "oc_kind" in c and i % 4 != 1:
        ev["chair_annual_report"] = [(2023, 12, 1 + i % 28)]
    if "oc_kind" in c and i % 8 == 3:
        ev["committee_turnover"] = [(2023, 9, 1)]
        if i % 16 == 3:
            ev["turnover_audit"] = [(2023, 10, 15)]
    c["events"] = ev
    return c


EVENT_COLUMNS = [("party_service_project", "认领党建服务项目日期"), ("chair_annual_report", "业委会主任述职日期"),
                 ("committee_turnover", "换届/主任离任日期"), ("turnover_audit", "离任经济责任审计日期")]


def events_cell(dates, i):
    separator = "；" if i % 2 else "、"
    return separator.join(date_cell(d, i + k) for k, d in enumerate(dates))


def date_cell(d, i):
    y, m, day = d
    return ["%04d-%02d-%02d" % (y, m, day), "%d/%d/%d" % (y, m, day), "%d年%d月%d日" % (y, m, day), "%d.%d.%d" % (y, m, day)][i % 4]


def yes_no(value, i):
    return ("是" if value else "否") if i % 2 else ("√" if value else "×")


def grouped(n):
    return "{:,}".format(n)


HEADER = ["序号", "小区编码", "小区名称", "省", "市", "区县", "街道", "社区", "数据截止日期", "户数", "建成年份", "小区类型",
          "物业服务方式", "首次实现物业服务覆盖的日期", "物业服务企业", "企业党组织", "业主大会", "业委会类型", "业委会委员人数",
          "其中党员", "小区党组织类型", "党组织成立日期", "2023年应收物业费（元）", "2023年实收物业费（元）",
          "社区综合服务设施面积（平方米）", "业主满意度", "入户宣传率"] + [h for _, h in EVENT_COLUMNS] + ["备注"]


def row(i, c):
    cells = [str(i), c["id"], c["name"], "安徽省", "六安市", "舒城县", c["street"], c["neighborhood"],
             date_cell((2024, 6, 30), i),
             "４２０" if c["households"] == 420 else grouped(c["households"]) if c["households"] > 999 else str(c["households"]),
             "%d.0" % c["built_year"] if i == 17 else str(c["built_year"]), LABELS[c["category"]], LABELS[c["mode"]],
             date_cell(c["since"], i + 1) if "since" in c else "",
             c.get("company", "无" if i % 2 else "-"),
             yes_no(c["company_party_org"], i) if "company_party_org" in c else "/",
             yes_no(c["owners_assembly"], i + 1),
             LABELS[c["oc_kind"]] if "oc_kind" in c else "无",
             str(c["members"]) if "members" in c else "", str(c["party_members"]) if "members" in c else "",
             LABELS[c["pb_kind"]] if "pb_kind" in c else "",
             date_cell(c["pb_formed"], i + 2) if "pb_kind" in c else "",
             grouped(c["due"]) if "due" in c else "-", grouped(c["collected"]) if "due" in c else "-",
             str(c["service_area"]), ("%g" % c["score"]), "%d%%" % c["rate"]]
    cells += [events_cell(c["events"].get(t, []), i) for t, _ in EVENT_COLUMNS]
    cells += [["", "2023年新增", "", "老旧小区改造", ""][i % 5]]
    return cells


def csv_line(cells):
    return ",".join('"%s"' % x.replace('"', '""') if ("," in x or '"' in x) else x for x in cells)


def ledger():
    communities = [community(i) for i in range(1, 31)]
    width = len(HEADER)
    lines = [csv_line(["舒城县住宅小区物业管理统计台账（截至2024年6月30日）"] + [""] * (width - 1)), csv_line(HEADER)]
    for i, c in enumerate(communities, 1):
        lines.append(csv_line(row(i, c)))
        if i == 15:
            lines.append(csv_line([""] * width))
    total = ["合计", "", "", "", "", "", "", "", "", grouped(sum(c["households"] for c in communities))] + [""] * (width - 10)
    lines += [csv_line(total), csv_line([""] * width), csv_line([""] * width)]
    return communities, "\r\n".join(lines) + "\r\n"


def twin(communities):
    out = []
    for c in communities:
        doc = ["id: %s" % c["id"], "name: %s" % c["name"],
               "jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县, street: %s, neighborhood: %s}" % (c["street"], c["neighborhood"]),
               "as_of: 2024-06-30", "households: %d" % c["households"], "built_year: %d" % c["built_year"],
               "category: %s" % c["category"]]
        ps = ["mode: %s" % c["mode"]]
        if "since" in c:
            ps.append("since: %04d-%02d-%02d" % c["since"])
        if "company" in c:
            ps.append("company: %s" % c["company"])
        if "company_party_org" in c:
            ps.append("company_party_org: %s" % ("true" if c["company_party_org"] else "false"))
        doc.append("property_service: {%s}" % ", ".join(ps))
        doc.append("owners_assembly: %s" % ("true" if c["owners_assembly"] else "false"))
        if "oc_kind" in c:
            doc.append("owners_committee: {kind: %s, members: %d, party_members: %d}" % (c["oc_kind"], c["members"], c["party_members"]))
        if "pb_kind" in c:
            doc.append("party_branch: {kind: %s, formed: %04d-%02d-%02d}" % ((c["pb_kind"],) + c["pb_formed"]))
        if "due" in c:
            doc.append("fees: {2023: {due: %d, collected: %d}}" % (c["due"], c["collected"]))
        doc.append("facilities: {service_area_m2: %d}" % c["service_area"])
        doc.append("satisfaction: {score: %g}" % c["score"])
        doc.append("garbage_sorting: {door_to_door_rate: %s}" % ("%g" % (c["rate"] / 100)))
        events = [(d, t) for t, _ in EVENT_COLUMNS for d in c["events"].get(t, [])]
        if events:
            doc.append("events:")
            doc += ["  - {date: %04d-%02d-%02d, type: %s}" % (d + (t,)) for d, t in events]
        out.append("\n".join(doc))
    head = "# The records of examples/ledger/shucheng-ledger-gbk.csv and .xlsx, as YAML (made by examples/ledger/make.py).\n"
    return head + "\n---\n".join(out) + "\n"


def main():
    communities, text = ledger()
    with open(os.path.join(HERE, "shucheng-ledger-gbk.csv"), "wb") as f:
        f.write(text.encode("gb18030"))
    with open(TWIN, "w", encoding="utf-8") as f:
        f.write(twin(communities))
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "shucheng-ledger.csv")
        with open(source, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://%s/profile" % tmp, "--convert-to", "xlsx",
                        "--infilter=CSV:44,34,76,1", "--outdir", tmp, source], check=True, stdout=subprocess.DEVNULL)
        os.replace(os.path.join(tmp, "shucheng-ledger.xlsx"), os.path.join(HERE, "shucheng-ledger.xlsx"))


if __name__ == "__main__":
    main()
