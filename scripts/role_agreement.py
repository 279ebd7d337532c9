"""How often the role rules (``luktheme.roles``) agree with roles given by hand on blind-written rows.

Each set under ``data/roles/`` (``set1``, ``set2``, …) holds rows written and labelled by a writer
who never saw the rules (``pass_a.jsonl``), an independent second pass over the same texts
(``pass_b.jsonl``), and the settled roles (``rows.jsonl``; see ``data/roles/README.md``). For each set
this script prints the agreement of the two passes (the ceiling) and of the rules with the settled roles.

Run from the repository root: ``python scripts/role_agreement.py [set2 ...]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import luktheme  # noqa: E402
from luktheme.roles import ROLES, role_of, word_table  # noqa: E402


def read(path: Path) -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if row}


def kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[r] * cb[r] for r in ROLES) / n / n
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def report(name: str, gold: list[str], got: list[str]) -> None:
    acc = sum(g == p for g, p in zip(gold, got)) / len(gold)
    print(f"\n{name}: {acc:.3f} of {len(gold)} rows agree, Cohen's kappa {kappa(gold, got):.3f}")
    print("| role | n | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    for r in ROLES:
        tp = sum(g == r and p == r for g, p in zip(gold, got))
        n_pred, n_gold = sum(p == r for p in got), sum(g == r for g in gold)
        prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        print(f"| {r} | {n_gold} | {prec:.3f} | {rec:.3f} | {f1:.3f} |")


def main() -> int:
    names = sys.argv[1:] or sorted(p.name for p in (ROOT / "data" / "roles").iterdir() if p.is_dir())
    for name in names:
        print(f"## {name}")
        check(ROOT / "data" / "roles" / name)
    return 0


def check(folder: Path) -> None:
    gold = read(folder / "rows.jsonl")
    a, b = read(folder / "pass_a.jsonl"), read(folder / "pass_b.jsonl")
    ids = sorted(gold)
    report("pass A against pass B (the ceiling)", [a[i]["role"] for i in ids], [b[i]["role"] for i in ids])
    lexicon = word_table(luktheme.load_nlp())
    rules = [role_of(gold[i]["text"], gold[i]["kind"], heading=gold[i]["heading"],
                     action_table=gold[i]["kind"] == "row", lexicon=lexicon) for i in ids]
    report("rules against the settled roles", [gold[i]["role"] for i in ids], rules)
    by_lang = Counter()
    for i, r in zip(ids, rules):
        by_lang[gold[i]["lang"], r == gold[i]["role"]] += 1
    for lang in ("nb", "nn"):
        n = by_lang[lang, True] + by_lang[lang, False]
        if n:
            print(f"{lang}: {by_lang[lang, True] / n:.3f} of {n}")
    wrong = [(i, gold[i]["role"], r) for i, r in zip(ids, rules) if r != gold[i]["role"]]
    print(f"\n{len(wrong)} rows where the rules differ:")
    for i, g, r in wrong:
        print(f"  {i} [{gold[i]['kind']}] settled {g}, rules {r}: {gold[i]['text'][:100]}")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
