"""The model card: a README.md generated from a model's ``meta.json``."""

from __future__ import annotations

from .taxonomy import DEFINITIONS, THEMES


def render_card(meta: dict) -> str:
    """Render the model card in Markdown.

    Examples
    --------
    >>> print(render_card({"name": "m", "thresholds": {}}).splitlines()[0])
    # m
    """
    lines = [f"# {meta.get('name', 'luktheme model')}", ""]
    lines.append("A luktheme theme model: one logistic regression per theme over word and character TF-IDF "
                 "features and theme-cue counts, with a threshold per theme chosen on out-of-fold scores. "
                 "Load it with `luktheme.load(path)`; it is plain JSON and numpy, never pickle.")
    lines += ["", "## Themes and thresholds", "", "| theme | meaning | threshold |", "|---|---|---|"]
    for t in THEMES:
        thr = meta.get("thresholds", {}).get(t)
        lines.append(f"| `{t}` | {DEFINITIONS[t]} | {thr if thr is not None else ''} |")
    training = meta.get("training", {})
    if training:
        lines += ["", "## Training data", ""]
        lines.append(f"- rows: {training.get('n_examples')} ({training.get('by_origin')})")
        lines.append(f"- rows per theme: {training.get('per_theme')}")
        lines.append(f"- rows with no theme: {training.get('no_theme')}")
        lines.append(f"- data hash (SHA-256): `{training.get('data_hash')}`")
        lines.append(f"- files: {', '.join(training.get('files', []))}")
    if meta.get("classifier"):
        lines += ["", "## Parameters", "", "```json", _json(meta["classifier"]), "```"]
    if meta.get("evaluation"):
        evaluation = meta["evaluation"]
        lines += ["", "## Cross-validated quality", "", evaluation.get("report") or evaluation["table"]]
        lines += ["", "No figure here is a clean estimate for measures from new sources: the seed's wording "
                  "shaped the specification's cue lists, which the model uses as features (keyword rules "
                  "alone score far higher on the seed than on the written rows), and the written rows were "
                  "written and labeled by the same team. Expect text from other plans to score nearer the "
                  "written-row figure, or below it."]
    if meta.get("versions"):
        lines += ["", "## Versions", "", ", ".join(f"{k} {v}" for k, v in meta["versions"].items())]
    return "\n".join(lines) + "\n"


def _json(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2)
