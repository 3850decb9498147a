#!/usr/bin/env python3
"""Builds asr_probe.jsonl from asr_probe.txt: calls separated by '###'
lines, gold spans marked ⟦TYPE:words⟧; offsets are UTF-8 byte offsets."""
import json, re, sys
from pathlib import Path

here = Path(__file__).parent
src = (here / "asr_probe.txt").read_text(encoding="utf-8").split("###\n")
with open(here / "asr_probe.jsonl", "w", encoding="utf-8") as out:
    for k, blk in enumerate(src):
        text, ents, pos = "", [], 0
        for m in re.finditer(r"⟦([A-Z_]+):(.*?)⟧", blk):
            text += blk[pos:m.start()]
            s = len(text.encode())
            text += m.group(2)
            ents.append({"type": m.group(1), "start": s, "end": len(text.encode())})
            pos = m.end()
        text = (text + blk[pos:]).rstrip("\n")
        out.write(json.dumps({"id": "probe-%03d" % (k + 1), "text": text, "entities": ents}, ensure_ascii=False) + "\n")
