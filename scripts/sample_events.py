"""Print meetings imported from ICEWS or GDELT beside the source rows they were folded from,
for checking by hand (issue 22's twenty-meeting samples).

    tracker --db /tmp/ev.db import FILE
    python scripts/sample_events.py /tmp/ev.db FILE icews|gdelt [N] [SEED]

N meetings (20) chosen by SEED (22) among the database's meetings of that dataset, sorted by uid.
"""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys


def source_rows(path: str, dataset: str) -> dict[str, str]:
    rows = {}
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if dataset == "icews":
            header = next(reader)
            for row in reader:
                d = dict(zip(header, row, strict=False))
                rows[d["Event ID"]] = (
                    f"{d['Event Date']} {d['CAMEO Code']} [{d['Source Name']} | {d['Source Country']}] -> [{d['Target Name']} | {d['Target Country']}]"
                    f" story {d['Story ID']} @ {d['City']}/{d['Province']}/{d['Country']}"
                )
        else:
            for c in reader:
                rows[c[0]] = f"{c[1]} {c[26]} root={c[25]} [{c[5]}|{c[6]}|{c[7]}] -> [{c[15]}|{c[16]}|{c[17]}] at {c[51]}:{c[52]}:{c[53]} | {c[60]}"
    return rows


def main(db: str, path: str, dataset: str, n: int = 20, seed: int = 22) -> None:
    listed = subprocess.run(["tracker", "--db", db, "list", "--json"], capture_output=True, text=True, check=True).stdout
    meetings = sorted((m for m in json.loads(listed) if m["uid"].startswith(f"{dataset}-")), key=lambda m: m["uid"])
    rows = source_rows(path, dataset)
    random.seed(seed)
    print(f"{len(meetings)} meetings")
    for k, m in enumerate(random.sample(meetings, min(n, len(meetings))), 1):
        print(f"\n#{k} {m['uid']} {m['title']} | {m['status']} {m['level']} | {m['city']}, {m['venue']}, {m['country']}")
        for p in m["participants"]:
            print(f"   - {p['name']} / {p['title']} / {p['country']} / {p['role']}")
        for event_id in re.findall(r"\d+", m["notes"].split("event", 1)[1]):
            print("   >", rows.get(event_id, "?"))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], args[2], *(int(a) for a in args[3:5]))
