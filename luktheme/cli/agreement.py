"""``luktheme agreement``: agreement per theme between two label files, and the rows they disagree on."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .._io import iter_jsonl, refuse_existing, write_jsonl
from ..agreement import agreement, format_agreement, read_labels
from ..errors import LabelError
from ..tables import refuse_foreign
from ._args import say


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme agreement`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "agreement", help="per-theme Cohen's kappa and Krippendorff's alpha between two annotators' label files",
        description="Compare two label files on the ids they share: per-theme agreement, Cohen's kappa, "
                    "Krippendorff's alpha and F1, then the list of rows they disagree on.")
    p.add_argument("a", help="the first annotator's label file (.jsonl)")
    p.add_argument("b", help="the second annotator's label file (.jsonl)")
    p.add_argument("--names", nargs=2, metavar=("A", "B"),
                   help="names for the two annotators (default: the file names)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--disagreements", metavar="FILE",
                   help="also write the disagreeing rows as JSONL, ready for `luktheme label` to adjudicate")
    p.add_argument("--texts", nargs="+", metavar="PATH",
                   help="labeled rows (JSONL files or folders) to take the texts of the disagreeing ids from "
                        "(default: the label files' folders and the folders above them)")
    p.add_argument("-F", "--force", action="store_true", help="replace an existing --disagreements file")
    p.set_defaults(func=run)
    return p


def _read_rows(path: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for _, row in iter_jsonl(path, error=LabelError):
        if "id" in row:
            rows.setdefault(row["id"], row)
    return rows


def _texts_near(label_files: list[Path], sources: list[Path] | None) -> dict[str, str]:
    """Texts by id from ``sources`` (files or folders of JSONL rows); by default the label files' own
    folders and the folders above them, where a project keeps its data (``data/annotation/pass_a.jsonl``
    beside ``data/seed.jsonl``)."""
    if sources is None:
        sources = sorted({f.resolve().parent for f in label_files} | {f.resolve().parent.parent for f in label_files})
    texts: dict[str, str] = {}
    for source in sources:
        files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
        for f in files:
            try:
                rows = _read_rows(f)
            except (OSError, UnicodeDecodeError, LabelError) as err:
                # A file beside the label files may be anything; say why its texts are not used.
                say(False, f"texts: {f} skipped ({getattr(err, 'strerror', None) or err})")
                continue
            for row_id, row in rows.items():
                if isinstance(row.get("text"), str) and row["text"]:
                    texts.setdefault(row_id, row["text"])
    return texts


def run(args) -> int:
    """Print per-theme agreement between two label files and list the rows they disagree on."""
    paths = [Path(args.a), Path(args.b)]
    for path in paths:
        if not path.is_file():
            raise LabelError(f"{path}: no such label file. Pass two JSONL files with 'id' and 'labels', "
                             "e.g. written by `luktheme label`.")
    out = Path(args.disagreements) if args.disagreements else None
    if out is not None:
        refuse_foreign(out)
        refuse_existing(out, args.force)
    a, b = read_labels(paths[0]), read_labels(paths[1])
    result = agreement(a, b)
    rows_a, rows_b = _read_rows(paths[0]), _read_rows(paths[1])
    texts = _texts_near(paths, [Path(t) for t in args.texts] if args.texts else None)
    name_a, name_b = args.names or (paths[0].stem, paths[1].stem)
    if name_a == name_b:
        name_a, name_b = str(paths[0]), str(paths[1])
    listed = []
    for row_id, labels_a, labels_b in result["disagreements"]:
        source = rows_a.get(row_id) or rows_b.get(row_id) or {}
        entry = {"id": row_id, "text": source.get("text") or texts.get(row_id, ""), "a": labels_a, "b": labels_b}
        if source.get("source"):
            entry["source"] = source["source"]
        listed.append(entry)
    if args.json:
        print(json.dumps({**result, "disagreements": listed, "names": [name_a, name_b]},
                         ensure_ascii=False, indent=2))
    else:
        print(f"A = {name_a} ({paths[0]}), B = {name_b} ({paths[1]})\n")
        print(format_agreement(result))
        if result["only_in_a"] or result["only_in_b"]:
            print(f"\nCompared on the {result['n']} shared ids; {result['only_in_a']} only in A, "
                  f"{result['only_in_b']} only in B.")
        if listed:
            print(f"\nDisagreements ({len(listed)}):")
            for entry in listed:
                text = entry["text"] if len(entry["text"]) <= 160 else entry["text"][:159] + "…"
                print(f"- {entry['id']}  A: {', '.join(entry['a']) or '(none)'}  "
                      f"B: {', '.join(entry['b']) or '(none)'}")
                if text:
                    print(f"    {text}")
    if out is not None:
        write_jsonl(out, listed)
        missing = [e["id"] for e in listed if not e["text"]]
        if missing:
            print(f"wrote {len(listed)} disagreements to {out}; {len(missing)} have no text (e.g. {missing[0]}): "
                  "pass the labeled rows with --texts (e.g. --texts data/) to fill them before labeling",
                  file=sys.stderr)
        else:
            target = out.with_name(f"{out.stem}.adjudicated.jsonl")
            print(f"wrote {len(listed)} disagreements to {out}; adjudicate them with "
                  f"`luktheme label {out} -o {target}`", file=sys.stderr)
    return 0
