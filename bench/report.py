#!/usr/bin/env python3
"""Writes bench/run.sh's report: target/bench/report.md (the side-by-side table and each goal of issue 32, met or
not, against the floor) and target/bench/report.svg (seed relay vs Shirase per figure, and the start and RSS of every
earlier run kept in target/bench/history.tsv). Reads its figures as NAME=value arguments from bench/run.sh."""
import datetime
import html
import os
import sys

f = dict(arg.split("=", 1) for arg in sys.argv[1:])
num = lambda k: float(f[k])
out = "target/bench"
os.makedirs(out, exist_ok=True)
when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")

goals = [
    ("first answer after exec <= 500 ms (median of 5, AOT cache)", num("cold") <= 500,
     f"{f['cold']} ms ({f['restart']} on a restart); floors: {f['floor_ms']} ms (exec to exit of the JVM with"
     f" its libraries doing nothing), {f['stack_floor']} ms (the runtime with one route, bench/floor)"),
    ("RSS <= 140 MB after the load", num("rss") <= 140, f"{f['rss']} MB; floor {f['floor_mb']} MB peak; {f['memory']}"),
    ("end to end, one destination >= the seed relay", num("e2e") >= num("seed_e2e"),
     f"{f['e2e']} vs {f['seed_e2e']} msg/s; a destination's messages go in order, one round trip each, while the"
     " seed sends 32 at once in no order (bench/README.md)"),
    ("end to end, 100 destinations >= 1.5x the seed relay", num("spread_e2e") >= 1.5 * num("seed_e2e"),
     f"{f['spread_e2e']} vs {f['seed_e2e']} msg/s; bounded by the CPU per message below, on two cores shared with"
     " wrk and the sink"),
    ("CPU per delivered message <= the seed relay's", num("cpu") <= num("seed_cpu"),
     f"{f['cpu']} vs {f['seed_cpu']} ms; Camel's per-step work, no single hot spot (JFR in bench/README.md);"
     " after a 60 s warm-up: bench/steady.sh"),
    ("nothing lost: the sink has all that was acknowledged", num("delivered") >= num("accepted"),
     f"{f['delivered']} received of {f['accepted']} acknowledged"),
]
rows = [
    ("accepted requests/s (32 connections)", "seed_rate", "rate", "spread_rate"),
    ("p99 of the answer (ms)", "seed_p99", "p99", "spread_p99"),
    ("end to end, msg/s", "seed_e2e", "e2e", "spread_e2e"),
    ("CPU per message (ms)", "seed_cpu", "cpu", "spread_cpu"),
    ("first answer after exec (ms)", "seed_cold", "cold", None),
    ("RSS after the load (MB)", "seed_rss", "rss", None),
    ("floor: exec to exit (ms)", "seed_floor_ms", "floor_ms", None),
]
md = [f"# Bench report, {when}", "", f"{f['machine']}", "",
      "| | seed relay | Shirase, 1 destination | Shirase, 100 destinations |", "|---|---:|---:|---:|"]
for label, seed, one, spread in rows:
    md.append(f"| {label} | {f[seed]} | {f[one]} | {f[spread] if spread else '–'} |")
md += ["", "| goal (issue 32) | | measured |", "|---|---|---|"]
md += [f"| {goal} | {'met' if ok else '**not met**'} | {why} |" for goal, ok, why in goals]
md += ["", "![seed relay vs Shirase](report.svg)", ""]
open(f"{out}/report.md", "w").write("\n".join(md))

history = f"{out}/history.tsv"
with open(history, "a") as h:
    h.write(f"{when}\t{f['cold']}\t{f['rss']}\t{f['e2e']}\t{f['seed_e2e']}\n")
runs = [line.rstrip("\n").split("\t") for line in open(history)][-12:]

# the chart: one pair of bars per figure (seed grey, Shirase blue), each figure scaled to its larger value
svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420" font-family="sans-serif" font-size="11">',
       '<rect width="720" height="420" fill="#fff"/>',
       '<text x="10" y="18" font-size="13" font-weight="bold">seed relay (grey) vs Shirase (blue), '
       + html.escape(when) + '</text>']
for i, (label, seed, one, _) in enumerate(rows):
    y = 36 + i * 34
    a, b = num(seed), num(one)
    top = max(a, b, 1e-9)
    svg.append(f'<text x="10" y="{y + 12}">{html.escape(label)}</text>')
    svg.append(f'<rect x="260" y="{y}" width="{380 * a / top:.1f}" height="12" fill="#8c959f"/>')
    svg.append(f'<text x="{265 + 380 * a / top:.1f}" y="{y + 10}">{a:g}</text>')
    svg.append(f'<rect x="260" y="{y + 14}" width="{380 * b / top:.1f}" height="12" fill="#1f6feb"/>')
    svg.append(f'<text x="{265 + 380 * b / top:.1f}" y="{y + 24}">{b:g}</text>')
y0 = 290
svg.append(f'<text x="10" y="{y0}" font-weight="bold">history: first answer (ms, blue) and RSS (MB, green) per run</text>')
most = max([float(r[1]) for r in runs] + [float(r[2]) for r in runs] + [1])
for i, r in enumerate(runs):
    x = 20 + i * 56
    for j, (value, colour) in enumerate(((float(r[1]), "#1f6feb"), (float(r[2]), "#1a7f37"))):
        h = 90 * value / most
        svg.append(f'<rect x="{x + j * 20}" y="{y0 + 100 - h:.1f}" width="18" height="{h:.1f}" fill="{colour}"/>')
    svg.append(f'<text x="{x}" y="{y0 + 114}" font-size="9">{html.escape(r[0][5:])}</text>')
svg.append('</svg>')
open(f"{out}/report.svg", "w").write("\n".join(svg))
print("\n".join(md))
print(f"\nwritten: {out}/report.md, {out}/report.svg (history: {len(runs)} run(s))")
