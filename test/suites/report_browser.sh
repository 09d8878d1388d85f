#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's chromium,
# installed with the CJK fonts when missing and run as root) renders the demo's
# November 2024 report through the DevTools protocol (test/browser/render.py)
# to tmp/browser/report-2024-11.png.  Fails on any console error, exception or
# network request; checks pixels: a red item's matrix cell is red and a green
# one green, progress bars are as long as their figures computed in plain
# SQL, the time-progress mark stands at 11/12, the charts are drawn.  The
# layout at a phone's 390 pixels and at 1280: fails on a page wider than
# the window, two tables or charts overlapping, text squeezed to one
# character a line; printed to PDF (poppler-utils' pdfinfo, pdftotext and
# pdftoppm check it): fails on a page that is not A4, a table wider than
# A4's text width, a heading alone at the foot of a page, a first page
# without the first table, a page without its number and the as-of date
# in the margin.  Three of the city's targets carry band sets, so the
# report's notes on them are laid out too.  Screenshots at both widths and the PDF's pages are
# written to tmp/browser/ on every run.  Runs on the test server (`make
# test`, or alone: `make test-browser`).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
PY=/usr/bin/python3
source "$TOP/test/tap.sh"
db=scorecard_report_browser
out="$TOP/tmp/browser"
mkdir -p "$out"
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
cd "$TOP"

# Chromium and a CJK font (a few minutes the first time).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || need+=(fonts-noto-cjk)
[ -x /usr/bin/pdfinfo ] && [ -x /usr/bin/pdftotext ] && [ -x /usr/bin/pdftoppm ] || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
	echo "# installing ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1
fi
[ -x /usr/bin/chromium ] && fc-list :lang=zh | grep -qi 'Noto Sans CJK' && [ -x /usr/bin/pdfinfo ]
ok $? "chromium, the Noto CJK fonts and poppler-utils are installed"

psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -P pager=off -v ON_ERROR_STOP=1 -v last_month=2024-11-01 -d $db -f data/demo.sql >/dev/null 2>"$out/load.err"
ok $? "the demo plan loads"
html="$out/report-2024-11.html" png="$out/report-2024-11.png" info="$out/report-2024-11.json"
# Band sets of three of the city's targets, which give the lights the
# defaults give (the checks below keep their colours; worked by hand:
# 新增高新技术企业 3 points behind, yellow up to 5% of target; 技术合同成交额
# 11.5 points behind, red beyond 3; 固定资产投资 0.4 behind, yellow from 0.1
# to 1.5), so that the report carries their marks and notes at both widths
# and in print.
q "UPDATE plan_target SET status_bands = CASE indicator_id
		WHEN 8 THEN 'yellow: shortfall <= 5% of target; red: shortfall > 5% of target'
		WHEN 11 THEN 'green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3'
		ELSE 'green: shortfall <= 0.1; yellow: 0.1 < shortfall <= 1.5; red: shortfall > 1.5' END
	WHERE unit_id = 'shaoyang' AND indicator_id IN (8, 11, 14)" >/dev/null
is "$(q "SELECT string_agg(indicator_id || ':' || status, ' ' ORDER BY indicator_id) FROM progress('2024-11-30') WHERE unit_id = 'shaoyang' AND indicator_id IN (8, 11, 14)")" \
	"8:yellow 11:red 14:yellow" "the three targets with band sets keep the lights the defaults give them"
q "SELECT progress_report_html('2024-11-30')" >"$html"
ok $? "the November report is written to $html"
[ "$(grep -o '<sup class="bref">注[0-9]' "$html" | wc -l)" = 6 ]; ok $? "the report marks the three targets and gives three notes"

pdf="$out/report-2024-11.pdf" png390="$out/report-2024-11-390.png" info390="$out/report-2024-11-390.json"
rm -f "$png" "$info" "$pdf" "$png390" "$info390" "$out"/report-2024-11-pdf-*.png
timeout 120 $PY test/browser/render.py "$html" "$png" "$info" 1280 "$pdf"
ok $? "headless chromium renders it to $png and prints it to $pdf"
timeout 120 $PY test/browser/render.py "$html" "$png390" "$info390" 390
ok $? "and renders it at a phone's 390 pixels to $png390"
echo "# screenshot: $png"

# Figures computed another way: 新增高价值发明专利 (city readings, level >=
# 110) and 省定、市定十大重点民生实事 (tasks done by the as-of date, level >= 20).
f9=$(q "SELECT sum(value) / 110 FROM reading_current WHERE indicator_id = 9 AND unit_id = 'shaoyang'
	AND month BETWEEN '2024-01-01' AND '2024-11-01'")
f36=$(q "SELECT count(*) FILTER (WHERE status = 'done' AND completed_on <= '2024-11-30') / 20.0 FROM task
	WHERE indicator_id = 36 AND year = 2024")
# A red item and a green item of the county matrix, judged in plain SQL on
# fixed-asset investment (cumulative readings; growth as published with the
# November reading, else from the readings): red below 6% (7% less the
# 1-point tolerance), green at or above 7%.
read -r red green <<<"$(q "WITH g AS (
		SELECT c.unit_id, coalesce(c.reported_growth, 100 * (c.value / p.value - 1)) AS g
		FROM reading_current c JOIN reading_current p ON p.unit_id = c.unit_id AND p.indicator_id = 14 AND p.month = '2023-11-01'
		WHERE c.indicator_id = 14 AND c.month = '2024-11-01')
	SELECT (SELECT unit_id FROM g WHERE g < 6 ORDER BY g LIMIT 1) || ' ' || (SELECT unit_id FROM g WHERE g >= 7 ORDER BY g DESC LIMIT 1)")"
echo "# bar figures: 9 -> $f9, 36 -> $f36; fixed-asset investment red: $red, green: $green"

$PY - "$png" "$info" "$f9" "$f36" "$red" "$green" "$n" >"$out/pixels.tap" <<'PY'
import json, sys
sys.path.insert(0, "test/browser")
import png
path, info_path, f9, f36, red, green, first = sys.argv[1:8]
n = [int(first)]
def ok(cond, msg):
    n[0] += 1
    print(("ok %d - " if cond else "not ok %d - ") % n[0] + msg, flush=True)
try:
    img = png.Image(path)
    info = json.load(open(info_path, encoding="utf-8"))
except Exception as e:
    ok(False, "the screenshot and the page record can be read (%s)" % e)
    sys.exit(1)
for m in info["console"]:
    print("# console %s: %s" % (m["level"], m["text"]))
ok(not info["errors"], "no console error, exception or log error (%s)" % "; ".join(info["errors"])[:300])
ok(not info["requests"], "no network request besides the file itself (%s)" % ", ".join(info["requests"])[:300])
ok(info["font_ok"] and info["title"].startswith("邵阳市2024年"), "the CJK font is available and the title is Chinese (%s)" % info["title"])
ok(img.width == info["page"]["w"] and img.height == info["page"]["h"], "the screenshot is the whole page (%dx%d)" % (img.width, img.height))
ok(info["page"]["w"] <= 1280, "nothing is wider than the 1280-pixel window (%d)" % info["page"]["w"])

def near(c, ref, tol=10):
    return all(abs(a - b) <= tol for a, b in zip(c, ref))
FILL = {"green": (0x18, 0x80, 0x38), "yellow": (0xe8, 0xa6, 0x00), "red": (0xc5, 0x22, 0x1f)}

def bar_length(b):
    """Pixels of the bar's fill colour from its left end, along its middle row
    (the time-progress mark, dark, may cross it)."""
    t = b["track"]; y = int(t["y"] + t["h"] / 2); x0 = int(round(t["x"]))
    colour = FILL[b["status"]]
    last = None
    for x in range(x0, int(t["x"] + t["w"]) + 1):
        p = img.pixel(x, y)
        if near(p, colour, 12):
            last = x
        elif max(p) < 90:
            continue          # the mark
        else:
            break
    return 0 if last is None else last - x0 + 1

bars = {b["indicator"]: b for b in info["bars"]}
for ind, fig in ((9, float(f9)), (36, float(f36))):
    b = bars.get(ind)
    if not b:
        ok(False, "a progress bar for indicator %d" % ind); continue
    want = min(fig, 1) * b["track"]["w"]
    got = bar_length(b)
    ok(abs(got - want) <= 2, "indicator %d: the bar is %d px of %d, its figure %.4f gives %.1f px"
       % (ind, got, b["track"]["w"], fig, want))
    # the time-progress mark: dark pixels just above the track, centred at 11/12
    t = b["track"]; y = int(t["y"]) - 2
    xs = [x for x in range(int(t["x"]), int(t["x"] + t["w"]) + 1) if max(img.pixel(x, y)) < 90]
    want_mark = t["x"] + 11 / 12 * t["w"]
    centre = sum(xs) / len(xs) if xs else -1
    ok(xs and abs(centre - want_mark) <= 1.5, "indicator %d: the time-progress mark is at x=%.1f (11/12 of the track: %.1f)"
       % (ind, centre, want_mark))
# Every bar on the page is as long as the fill ratio it was drawn from.
bad = [(i, bar_length(b), b["fill_attr"] * b["track"]["w"]) for i, b in bars.items()
       if abs(bar_length(b) - b["fill_attr"] * b["track"]["w"]) > 2]
ok(bars and not bad, "all %d bars are as long as their figures (off: %s)" % (len(bars), bad))

cells = {(c["unit"], c["indicator"]): c for c in info["cells"]}
CELL = {"red": (0xf2, 0x8b, 0x82), "green": (0x81, 0xc9, 0x95), "yellow": (0xfd, 0xd6, 0x63)}
for unit, colour in ((red, "red"), (green, "green")):
    c = cells.get((unit, 14))
    if not c:
        ok(False, "a matrix cell for %s, fixed-asset investment" % unit); continue
    bx = c["box"]
    p = img.pixel(bx["x"] + 4, bx["y"] + 4)
    hue_ok = (p[0] > p[1] + 60 and p[0] > p[2] + 60) if colour == "red" else (p[1] > p[0] + 40 and p[1] > p[2] + 30)
    ok(near(p, CELL[colour], 6) and hue_ok and c["status"] == colour,
       "the matrix cell of %s, fixed-asset investment (%s) is %s: pixel %s" % (unit, c["text"], colour, p))
# Every matrix cell is painted in its status colour.
wrong = []
for c in info["cells"]:
    if c["status"] in CELL:
        p = img.pixel(c["box"]["x"] + 4, c["box"]["y"] + 4)
        if not near(p, CELL[c["status"]], 6):
            wrong.append((c["unit"], c["indicator"], c["status"], p))
ok(len(info["cells"]) >= 100 and not wrong, "all %d matrix cells show their status colour (wrong: %s)" % (len(info["cells"]), wrong[:5]))

# Charts: each draws its line and its dashed red target inside its box.
undrawn = []
for ch in info["charts"]:
    bx = ch["box"]
    line = target = 0
    for y in range(int(bx["y"]), int(bx["y"] + bx["h"]), 1):
        for x in range(int(bx["x"]), int(bx["x"] + bx["w"]), 2):
            r, g, b = img.pixel(x, y)
            if b > r + 40 or (r - g > 60 and g - b > 60):      # blue or orange: the figures
                line += 1
            elif r - g > 50 and abs(g - b) < 30:               # red: the target
                target += 1
    if line < 20 or target < 10:
        undrawn.append((ch["indicator"], line, target))
ok(len(info["charts"]) >= 4 and not undrawn, "all %d charts draw a line and a target (not: %s)" % (len(info["charts"]), undrawn))
PY
cat "$out/pixels.tap"
grep -q '^not ok' "$out/pixels.tap" && failed=1
n=$((n + $(grep -cE '^(not )?ok ' "$out/pixels.tap")))

# --- the layout at 390 and 1280 pixels, and the printed PDF ---
(cd "$out" && pdftoppm -r 60 -png report-2024-11.pdf report-2024-11-pdf)
ok $? "the PDF's pages are written to $out/report-2024-11-pdf-*.png"
pdftotext "$pdf" - | tr -d ' \n\f' | grep -q '以下目标不按上述默认容差，按预警区间判定.*注1.*黄：落后不超过目标值的5%；红：落后超过目标值的5%'
ok $? "printed, the band set notes are there in words"
$PY - "$info390" "$info" "$pdf" "$n" >"$out/layout.tap" <<'PY'
import json, re, subprocess, sys
info390, info1280, pdf, first = sys.argv[1:5]
n = [int(first)]
def ok(cond, msg):
    n[0] += 1
    print(("ok %d - " if cond else "not ok %d - ") % n[0] + msg, flush=True)
def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout

infos = {w: json.load(open(p, encoding="utf-8")) for w, p in ((390, info390), (1280, info1280))}
for w, info in infos.items():
    ok(not info["errors"] and not info["requests"], "%d px: no console error and no network request (%s)"
       % (w, "; ".join(info["errors"] + info["requests"])[:300]))
    ok(info["page"]["w"] <= info["viewport"]["w"] == w,
       "%d px: the page is no wider than the window (page %d px)" % (w, info["page"]["w"]))
    # tables (what is seen of them: their scrolling container) and charts
    bl = info["blocks"]
    over = []
    for i in range(len(bl)):
        for j in range(i + 1, len(bl)):
            a, b = bl[i]["box"], bl[j]["box"]
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 1 and dy > 1:
                over.append((bl[i]["kind"], bl[j]["kind"], round(dx), round(dy)))
    ok(len(bl) >= 10 and not over, "%d px: no two of the %d tables and charts overlap (%s)" % (w, len(bl), over[:3]))
    ok(not info["squeezed"], "%d px: no text is squeezed to one character a line (%s)" % (w, info["squeezed"][:3]))
    small = [c for c in info["charts"] if c["box"]["w"] < 240]
    ok(info["charts"] and not small, "%d px: every chart is at least 240 px wide (narrowest: %d)"
       % (w, min((c["box"]["w"] for c in info["charts"]), default=0)))

# The print layout at A4's text width (render.py): nothing wider.
pr = infos[1280].get("print", {})
ok(pr.get("page_w", 9999) <= 703 and not pr.get("wide"),
   "printed, nothing is wider than A4's text width, 703 px (page %s px; wider: %s)" % (pr.get("page_w"), pr.get("wide")))
pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(pages), pdf), re.M)
bad = [i + 1 for i, (x, y) in enumerate(sizes) if abs(float(x) - 595.3) > 1.5 or abs(float(y) - 841.9) > 1.5]
ok(pages >= 2 and len(sizes) == pages and not bad, "the PDF has %d pages, all A4 portrait (not: %s)" % (pages, bad))
texts = [run("pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-") for i in range(1, pages + 1)]
foot = [i + 1 for i, t in enumerate(texts)
        if not re.search(r"第%d页，共%d页" % (i + 1, pages), re.sub(r"\s+", "", t)) or "数据截至2024-11-30" not in re.sub(r"\s+", "", t)]
ok(not foot, "every page has its number and the as-of date in the margin (not: %s)" % foot)
# Words beyond the right margin (12 mm = 34 pt): a clipped table.
clipped = []
for i in range(1, pages + 1):
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', run("pdftotext", "-bbox", "-f", str(i), "-l", str(i), pdf, "-")):
        if float(m.group(2)) > 595.3 - 34 + 2:
            clipped.append((i, m.group(3)))
ok(not clipped, "no text runs into the right margin or off the page (%s)" % clipped[:5])
ft = infos[1280]["first_table"]
p1 = re.sub(r"\s+", "", texts[0])
ok(all(h in p1 for h in ft["head"]) and ft["first_row"] and ft["first_row"] in p1,
   "the first page has the first table: its header (%s) and first row (%s)" % ("/".join(ft["head"]), ft["first_row"]))
# A heading at the foot of a page: after it, on the same page, fewer than
# two lines that are not its legend (a table's header and a row at least).
heads = [re.sub(r"\s+", "", h) for h in infos[1280]["headings"]]
legends = [re.sub(r"\s+", "", l) for l in infos[1280]["legends"]]
alone = []
for i, t in enumerate(texts):
    lines = [re.sub(r"\s+", "", l) for l in t.split("\n")]
    lines = [l for l in lines if l and not re.search(r"第\d+页，共\d+页", l)]
    for k, l in enumerate(lines):
        if l in heads:
            rest = [x for x in lines[k + 1:] if not any(x in lg for lg in legends)]
            if len(rest) < 2:
                alone.append((i + 1, l))
ok(not alone, "no heading is left at the foot of a page (%s)" % alone)
PY
cat "$out/layout.tap"
grep -q '^not ok' "$out/layout.tap" && failed=1
n=$((n + $(grep -cE '^(not )?ok ' "$out/layout.tap")))
echo "# screenshots: $png, $png390; PDF: $pdf, pages $out/report-2024-11-pdf-*.png"
echo "1..$n"
exit $failed
