"""Check tests/golden/programme.csv against raw/ read plainly, without the project's code.

Run: python tests/golden/check_programme.py. For every row: the Annex I quarters marked X
(by the header's year and quarter labels on each page), their count, the conclusion cited,
the area cell and the pages; the Appendix follow-up item and conclusion, the timing cell as
printed and the areas named; and that the status fits which document holds the id. Texts,
activity counts, merged_into and discrepancy kinds come from goldens reviewed earlier."""

import csv
import re
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])

annex = open(ROOT + "/raw/annex_i_workplan.txt", encoding="utf-8").read().split("\n")
gb = open(ROOT + "/raw/gb328_ins_5_1_add1.txt", encoding="utf-8").read().split("\n")
# --- Annex I: pages start at each header; quarter map from each page's Q line
page, qmap, cur, area = 0, {}, None, None
A = {}
for line in annex:
    cells = line.split("\t")
    if line.startswith("Area of action\t"):
        page += 1
        continue
    if re.match(r"^\t*\t\t\t?2017", line) or "\t2017\t" in line and "Q1" not in line:
        years = {j: c.strip() for j, c in enumerate(cells) if re.fullmatch(r"20\d\d", c.strip())}
        continue
    if "\tQ1\t" in line:
        y = None
        qmap = {}
        for j, c in enumerate(cells):
            if j in years:
                y = years[j]
            if re.fullmatch(r"Q[1-4]", c.strip()):
                qmap[j] = f"{y}Q{c.strip()[1]}"
        continue
    if "\t" not in line or not any(c.strip() for c in cells):
        continue
    if cells[0].strip():
        area = re.sub(r"<[^>]+>", " ", cells[0]).strip()
    d = re.sub(r"<[^>]+>", " ", cells[1]) if len(cells) > 1 else ""
    m = re.search(r"\((\d\.\d)\)\s*$", d.strip())
    opening = re.search(r"Conclusion\s+23\s*\(([a-i])\)", d)
    if opening:
        cur = {"conclusion": f"23({opening.group(1)})", "area": area, "page_first": page}
    if m:
        A[m.group(1)] = cur
        cur["id"] = m.group(1)
    if cur is not None:
        cur["page_last"] = page
        for j, c in enumerate(cells):
            if c.strip() in ("X", "x") and j in qmap:
                cur.setdefault("marks", set()).add(qmap[j])
# --- Appendix
P = {}
item = None
for line in gb:
    cells = line.split("\t")
    if len(cells) < 3 or line.startswith("Follow-up item"):
        continue
    it = re.match(r"(\d)\.\s.*\(23\(([a-i])\)\)", cells[0].strip())
    if it:
        item = (it.group(1), f"23({it.group(2)})")
    m = re.match(r"(\d\.\d)\.", cells[1].strip())
    key = m.group(1) if m else "unlabelled"
    P[key] = {
        "item": item,
        "timing": cells[2].strip(),
        "areas": cells[3].strip() if len(cells) > 3 else "",
    }
names = {
    "Knowledge generation and dissemination": "1",
    "Capacity building": "2",
    "Effective advocacy for decent work in global supply chains": "3",
    "Policy advice and technical assistance": "4",
    "Partnerships and policy coherence": "5",
    "Policy coherence and partnerships": "5",
}


def area_nos(text):
    out, rest = [], text
    while rest:
        for n in sorted(names, key=len, reverse=True):
            if rest.startswith(n):
                out.append(names[n])
                rest = rest[len(n) :].strip()
                break
        else:
            return out + ["?" + rest]
    return out


bad = 0
rows = list(csv.DictReader(open(ROOT + "/tests/golden/programme.csv", encoding="utf-8")))
for r in rows:
    did = r["deliverable_id"] or "unlabelled"
    probs = []
    a = A.get(did)
    p = P.get(did)
    if a:
        q = sorted(a.get("marks", ()))
        if r["scheduled"] != " ".join(q):
            probs.append(f"scheduled {r['scheduled']!r} vs raw {' '.join(q)!r}")
        if r["scheduled_count"] != str(len(q)):
            probs.append("count")
        if r["annex_conclusion"] != a["conclusion"]:
            probs.append(f"annex conclusion {r['annex_conclusion']} vs {a['conclusion']}")
        if names.get(a["area"]) != r["annex_area_no"]:
            probs.append(f"annex area {r['annex_area_no']} vs {a['area']}")
        if (r["annex_page_first"], r["annex_page_last"]) != (
            str(a["page_first"]),
            str(a["page_last"]),
        ):
            probs.append(
                f"pages {r['annex_page_first']}-{r['annex_page_last']}"
                f" vs {a['page_first']}-{a['page_last']}"
            )
    elif r["annex_text"]:
        probs.append("annex text but no Annex I deliverable in raw")
    if p:
        if r["appendix_item_no"] != p["item"][0] or r["appendix_conclusion"] != p["item"][1]:
            probs.append("item/conclusion")
        if (r["appendix_timing_raw"] or "") != p["timing"]:
            probs.append(f"timing {r['appendix_timing_raw']!r} vs {p['timing']!r}")
        if (r["appendix_area_nos"] or "") != ",".join(area_nos(p["areas"])):
            probs.append(f"areas {r['appendix_area_nos']} vs {area_nos(p['areas'])}")
    else:
        probs.append("no Appendix row in raw") if r["appendix_row_no"] else None
    status_ok = {
        "matched": bool(a and p),
        "appendix_only": bool(p and not a),
        "merged": bool(p and not a),
        "unlabelled": did == "unlabelled",
        "annex_only": bool(a and not p),
    }[r["status"]]
    if not status_ok:
        probs.append(f"status {r['status']}")
    if probs:
        bad += 1
    print(did, "OK" if not probs else probs)
print(
    "rows", len(rows), "with problems", bad, "; raw Annex ids", len(A), "raw Appendix rows", len(P)
)
