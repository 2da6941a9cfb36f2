"""Prints issue 14's table from `augur replay --json` rows (one file per trace): see network-gain.sh."""
import json
import sys

TABLES = ("successor", "delta", "successor+delta")


def rows_by_lookahead(path):
    blocks, current = [], None
    for line in open(path):
        r = json.loads(line)
        if r["predictor"] == "none":
            current = {"none": r}
            blocks.append(current)
        elif current is not None:
            current[r["predictor"]] = r
    return blocks


def used(row, source):
    return row.get("used_by_source", {}).get(source, 0)


def main(paths):
    print("| trace | D | no prefetch (W-TinyLFU) | best table | lstm-untrained | lstm | lstm − untrained "
          "| network keys used / issued | used by source (lstm) | +3 points | ≥ −0.5 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    gains = {}
    for path in paths:
        name = path.rsplit("/", 1)[-1].removesuffix(".json")
        for block in rows_by_lookahead(path):
            lstm, untrained, none = block.get("lstm"), block.get("lstm-untrained"), block["none"]
            if lstm is None or untrained is None:
                continue
            d = lstm["lookahead"]
            best = max((block[t] for t in TABLES if t in block), key=lambda r: r["hit_ratio"])
            diff = (lstm["hit_ratio"] - untrained["hit_ratio"]) * 100
            gains[(name, d)] = (none["hit_ratio"], lstm["hit_ratio"])
            sources = ", ".join(f"{s} {n}" for s, n in sorted(lstm.get("used_by_source", {}).items()) if n)
            issued = lstm.get("issued_by_source", {}).get("network", 0)
            print(f"| {name} | {d} | {none['hit_ratio']:.4f} | {best['hit_ratio']:.4f} ({best['predictor']}) "
                  f"| {untrained['hit_ratio']:.4f} | {lstm['hit_ratio']:.4f} | {diff:+.2f} "
                  f"| {used(lstm, 'network')} / {issued} | {sources} | {'met' if diff >= 3 else 'no'} "
                  f"| {'met' if diff >= -0.5 else 'no'} |")
    print()
    print("| trace | lstm gain over no prefetch, D = 1 | D = 10 | kept at D = 10 |")
    print("|---|---|---|---|")
    for name in sorted({n for n, _ in gains}):
        if (name, 1) in gains and (name, 10) in gains:
            g1 = gains[(name, 1)][1] - gains[(name, 1)][0]
            g10 = gains[(name, 10)][1] - gains[(name, 10)][0]
            kept = g10 / g1 if g1 > 0 else float("nan")
            print(f"| {name} | {g1:+.4f} | {g10:+.4f} | {kept:.0%} |")


if __name__ == "__main__":
    main(sys.argv[1:])
