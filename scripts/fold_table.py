#!/usr/bin/env python3
"""Aggregates scripts/cranfield-folds.sh's per-fold reports into one Markdown table.

Reads <out>/fold-*/eval/report.json and, when present, <out>/fold-*/eval-embedding/report.json (reranker-eval) and <out>/fold-*/train.log (reranker-train's final
"Trained N updates in S s (P pairs/s)" line) and prints, per configuration, nDCG@10 and MRR@10 as the mean
over folds ± the sample standard deviation over folds (the spread), with the folds' minimum and maximum.
With <out>/embedding-all/ (EMBEDDING_ONCE=1: embedding rescoring evaluated once over all queries), its
configurations are averaged per fold over the queries of that fold's own report (the first stage's rows of its
per-query.csv): a query's figures do not depend on which other queries are evaluated with it.
Standard library only.
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

TRAINED = re.compile(r"Trained (\d+) updates in (\d+) s \(([\d.,]+) pairs/s")


def spread(values):
    mean = statistics.fmean(values)
    deviation = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.4f} ± {deviation:.4f} ({min(values):.4f}–{max(values):.4f})"


def main(out):
    folds = sorted(glob.glob(os.path.join(out, "fold-*")), key=lambda d: int(d.rsplit("-", 1)[1]))
    rows = {}
    labels = {}
    trained = []
    for fold in folds:
        report_file = os.path.join(fold, "eval", "report.json")
        if not os.path.isfile(report_file):
            sys.exit(f"{report_file} is missing: fold {fold} did not finish its evaluation")
        seen = set()
        for name in ("eval", "eval-embedding"):
            path = os.path.join(fold, name, "report.json")
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                report = json.load(handle)
            for result in report["results"]:
                tag = result["tag"]
                if tag in seen:
                    # the first stage alone is in every report of the fold
                    continue
                seen.add(tag)
                labels.setdefault(tag, result)
                rows.setdefault(tag, []).append((result["queries"], result["quality"]["ndcg10"],
                                                 result["quality"]["mrr10"]))
        log = os.path.join(fold, "train.log")
        if os.path.isfile(log):
            with open(log, encoding="utf-8", errors="replace") as handle:
                found = TRAINED.findall(handle.read())
            if found:
                steps, seconds, pairs = found[-1]
                trained.append((os.path.basename(fold), int(steps), int(seconds), float(pairs.replace(",", "."))))
    if not rows:
        sys.exit(f"No fold-*/eval/report.json under {out}")
    add_all_queries_configurations(out, folds, rows, labels)
    n = len(folds)
    print(f"| Configuration (held-out queries, {n} fold{'s' if n > 1 else ''}) | Queries per fold "
          "| nDCG@10 mean ± spread (min–max) | MRR@10 mean ± spread (min–max) |")
    print("|---|---:|---:|---:|")
    for tag, values in rows.items():
        if len(values) != n:
            sys.exit(f"Configuration {tag} is in {len(values)} of {n} fold reports; rerun the folds alike")
        result = labels[tag]
        label = result["firstStageLabel"]
        if result.get("provider"):
            # each fold reranks with its own model: name the folder, not this machine's path
            provider = re.sub(r"file:\S*?/fold-\d+/model", "file:fold-<i>/model", result["provider"])
            label += f" → {provider} @ {result['depth']}"
        queries = "/".join(str(v[0]) for v in values)
        print(f"| {label} | {queries} | {spread([v[1] for v in values])} | {spread([v[2] for v in values])} |")
    if trained:
        print()
        print("| Training per fold | Updates | Seconds | Pairs/s |")
        print("|---|---:|---:|---:|")
        for name, steps, seconds, pairs in trained:
            print(f"| {name} | {steps} | {seconds} | {pairs:.1f} |")
    print()
    print("Spread: sample standard deviation over folds. Source documents excluded (qrels/source_docs.tsv).")


def add_all_queries_configurations(out, folds, rows, labels):
    """Per-fold means of the configurations evaluated once over all queries (embedding-all/)."""
    report_file = os.path.join(out, "embedding-all", "report.json")
    if not os.path.isfile(report_file):
        return
    with open(report_file, encoding="utf-8") as handle:
        report = json.load(handle)
    first_stage_tags = {r["tag"] for r in report["results"] if not r.get("provider")}
    per_query = {}
    with open(os.path.join(out, "embedding-all", "per-query.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            per_query.setdefault(row["configuration"], {})[row["query_id"]] = (float(row["ndcg@10"]),
                                                                             float(row["mrr@10"]))
    for fold in folds:
        with open(os.path.join(fold, "eval", "per-query.csv"), encoding="utf-8") as handle:
            queries = {row["query_id"] for row in csv.DictReader(handle) if row["configuration"] in first_stage_tags}
        for result in report["results"]:
            tag = result["tag"]
            if tag in first_stage_tags:
                continue
            values = [per_query[tag][q] for q in queries]
            labels.setdefault(tag, result)
            rows.setdefault(tag, []).append((len(values), statistics.fmean(v[0] for v in values),
                                             statistics.fmean(v[1] for v in values)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fold_table.py <output folder of scripts/cranfield-folds.sh>")
    main(sys.argv[1])
