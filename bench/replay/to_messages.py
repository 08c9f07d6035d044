#!/usr/bin/env python3
"""Convert the shared real streams to Switchboard's message schema
(docs/message-schema.md), sorted by time, for `switchboard import --replay`.

  to_messages.py fr-brand ../shared/data/stream-fr-brand/all.jsonl 2024-06-01 2024-08-15 > fr-brand.jsonl
  to_messages.py airline  ../shared/data/airline/train.jsonl > airline.jsonl

fr-brand: one community, "free" (the provider), optionally cut to [FROM, TO).
airline: one community per airline ("american", "united", ...); times are
read as UTC (the set gives minutes, without a zone).
"""
import datetime as dt
import json
import re
import sys


def fr_brand(row):
    at = dt.datetime.fromisoformat(row["created_at"])
    return at, {"community": "free", "lang": row.get("lang") or "fr"}


def airline(row):
    at = dt.datetime.strptime(row["created_at"], "%m/%d/%Y %H:%M").replace(tzinfo=dt.timezone.utc)
    brand = re.sub(r"[^a-z0-9]+", "-", row["brand"].lower()).strip("-")
    return at, {"community": brand.split("-")[0] if brand.startswith("american") else brand, "lang": "en"}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    lo = dt.datetime.fromisoformat(sys.argv[3]).replace(tzinfo=dt.timezone.utc) if len(sys.argv) > 3 else None
    hi = dt.datetime.fromisoformat(sys.argv[4]).replace(tzinfo=dt.timezone.utc) if len(sys.argv) > 4 else None
    conv = {"fr-brand": fr_brand, "airline": airline}[kind]
    out = []
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        at, extra = conv(row)
        if (lo and at < lo) or (hi and at >= hi):
            continue
        msg = {"channel": "twitter", "external_id": row["id"], "text": row["text"],
               "created_at": at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "author": {"handle": row.get("author") or "unknown"}}
        msg.update(extra)
        out.append((at, msg))
    out.sort(key=lambda x: x[0])
    for _, msg in out:
        print(json.dumps(msg, ensure_ascii=False))


if __name__ == "__main__":
    main()
