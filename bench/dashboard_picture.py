#!/usr/bin/env python3
"""Renders deploy/grafana's dashboard as an HTML page from its own queries against a Prometheus.

Called by bench/dashboard-picture.sh (which starts Augur and Prometheus); can also be pointed at
any Prometheus that scrapes Augur:

  bench/dashboard_picture.py --prometheus http://127.0.0.1:9090 --start EPOCH --end EPOCH \
      --out page.html [--dashboard deploy/grafana/dashboards/augur.json] [--step 2]

Each panel's `expr`s go through /api/v1/query_range with the dashboard's variables substituted as
Grafana would for "All" ($instance becomes its allValue, `.*`); series are named by the target's
legendFormat. The page draws the panels in the dashboard's grid (gridPos: 24 columns, 30 px rows)
with the vendored uPlot, titles, units and legends. A panel whose queries return no number says
so, and why as far as Prometheus can tell: the metric is absent, NaN throughout, or (for a
histogram quantile) has no observations in the range. Prints one line per panel.
"""
import argparse
import json
import math
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPLOT_DIR = ROOT / "server/src/main/resources/io/augur/server/status"
METRIC = re.compile(r"\b((?:augur|jvm|process|system)_[a-zA-Z0-9_]+)")


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"query failed: {expr}: {body}")
    return body["data"]["result"]


def query(prometheus, expr, at):
    params = urllib.parse.urlencode({"query": expr, "time": at})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query?{params}", timeout=30) as response:
        result = json.load(response)["data"]["result"]
    return float(result[0]["value"][1]) if result else float("nan")


def scrapes(prometheus, start, end):
    """How Prometheus's scrapes of the range went: a failed one is a gap in every gauge."""
    window = f"[{end - start}s]"
    total = query(prometheus, f"sum(count_over_time(up{window}))", end)
    failed = total - query(prometheus, f"sum(sum_over_time(up{window}))", end)
    slowest = query(prometheus, f"max(max_over_time(scrape_duration_seconds{window}))", end)
    return f"scrapes {total:.0f}, failed {failed:.0f}, slowest {slowest:.3f} s"


def substitute(expr, variables, step, range_seconds, scrape_seconds):
    """Grafana's variables as Grafana fills them for this range; the dashboard's own ones from variables."""
    # $__rate_interval: max(4 x scrape interval, step + scrape interval), Grafana's rule.
    rate_interval = max(4 * scrape_seconds, step + scrape_seconds)
    builtins = {"__rate_interval": f"{rate_interval}s", "__interval": f"{step}s", "__interval_ms": str(step * 1000),
                "__range": f"{range_seconds}s", "__range_s": str(range_seconds)}
    # Longest names first, so $__interval does not eat the start of $__interval_ms.
    for name, value in sorted({**builtins, **variables}.items(), key=lambda kv: -len(kv[0])):
        expr = expr.replace("${" + name + "}", value).replace("$" + name, value)
    return expr


def legend(fmt, labels, expr_index):
    if not fmt:
        return "{" + ", ".join(f'{k}="{v}"' for k, v in sorted(labels.items())) + "}" if labels else f"series {expr_index}"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt).strip()


def number(text):
    value = float(text)
    return None if math.isnan(value) or math.isinf(value) else value


def why_empty(prometheus, exprs, variables, start, end):
    """Why a panel's queries gave no number, from what Prometheus holds for its metrics."""
    reasons = []
    instance = variables.get("instance", ".*")
    for expr in exprs:
        for metric in sorted(set(METRIC.findall(expr))):
            base = re.sub(r"_(bucket|sum|count)$", "", metric)
            series = query_range(prometheus, f'{metric}{{instance=~"{instance}"}}', start, end, 15)
            if not series:
                reasons.append(f"{metric} is not exported")
            elif all(number(v) is None for s in series for _, v in s["values"]):
                reasons.append(f"{metric} is NaN throughout")
            elif metric.endswith("_bucket"):
                counts = query_range(prometheus, f'sum({base}_count{{instance=~"{instance}"}})', start, end, 15)
                if all(float(v) == 0 for s in counts for _, v in s["values"]):
                    reasons.append(f"{base} has no observations")
    return "; ".join(dict.fromkeys(reasons)) or "the queries return no series"


def render_panel(prometheus, panel, variables, start, end, step, scrape_seconds):
    exprs, series = [], []
    for i, target in enumerate(panel.get("targets", [])):
        if target.get("hide"):
            continue
        expr = substitute(target["expr"], variables, step, end - start, scrape_seconds)
        exprs.append(expr)
        for result in query_range(prometheus, expr, start, end, step):
            points = {int(float(t)): number(v) for t, v in result["values"]}
            series.append({"label": legend(target.get("legendFormat"), result["metric"], i),
                           "points": points})
    if not any(v is not None for s in series for v in s["points"].values()):
        return {"empty": why_empty(prometheus, exprs, variables, start, end), "series": []}, "no data: "
    return {"series": series}, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--start", type=float, required=True, help="range start, epoch seconds")
    parser.add_argument("--end", type=float, required=True, help="range end, epoch seconds")
    parser.add_argument("--step", type=int, default=2, help="seconds between points")
    parser.add_argument("--scrape-interval", type=int, default=1, help="Prometheus's, seconds ($__rate_interval)")
    parser.add_argument("--dashboard", default=str(ROOT / "deploy/grafana/dashboards/augur.json"))
    parser.add_argument("--subtitle", default="", help="a line under the title: what ran")
    parser.add_argument("--out", required=True, help="the HTML page to write (uPlot is copied beside it)")
    args = parser.parse_args()

    dashboard = json.loads(Path(args.dashboard).read_text())
    variables = {}
    for v in dashboard.get("templating", {}).get("list", []):
        if v.get("type") == "query":  # as Grafana with "All" selected
            variables[v["name"]] = v.get("allValue") or ".*"
    step = args.step
    start = int(args.start) - int(args.start) % step  # Prometheus answers at start + n * step: the page's x axis
    end = int(args.end)
    times = list(range(start, end + 1, step))

    panels, empty = [], 0
    for panel in dashboard["panels"]:
        kind = panel.get("type")
        out = {"title": panel.get("title", ""), "type": kind, "grid": panel["gridPos"]}
        if kind != "row":
            defaults = panel.get("fieldConfig", {}).get("defaults", {})
            out.update({k: defaults.get(k) for k in ("unit", "min", "max", "decimals")})
            data, note = render_panel(args.prometheus, panel, variables, start, end, step, args.scrape_interval)
            # One x axis per panel: every series on the panel's time grid, null where it has no point.
            data["series"] = [{"label": s["label"], "values": [s["points"].get(t) for t in times]}
                              for s in data["series"]]
            out.update(data)
            empty += bool(note)
            print(f"panel {out['title']!r}: {note or ''}"
                  + (data.get("empty") or f"{len(data['series'])} series"))
        panels.append(out)

    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    for name in ("uPlot.iife.min.js", "uPlot.min.css"):
        (out_path.parent / name).write_bytes((UPLOT_DIR / name).read_bytes())
    page = (Path(__file__).parent / "dashboard_picture.html").read_text()
    note = (f"The panels of {Path(args.dashboard).name}, each drawn from its own PromQL queries run through a real "
            "Prometheus (/api/v1/query_range), in the dashboard's grid: a picture of the dashboard, not drawn by Grafana.")
    model = {"title": dashboard.get("title", ""), "note": note, "subtitle": args.subtitle, "times": times,
             "variables": variables, "panels": panels}
    out_path.write_text(page.replace("/*MODEL*/null", json.dumps(model)))
    height = 38 * max(p["grid"]["y"] + p["grid"]["h"] for p in panels) + 110  # + the page's header
    print(f"page {out_path} height {height}: {len(panels)} panels, {empty} without data; "
          + scrapes(args.prometheus, start, end))


if __name__ == "__main__":
    sys.exit(main())
