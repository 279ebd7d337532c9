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
                 "features, theme-cue counts and, where trained with them, theme-lexicon concept features, "
                 "with a threshold per theme chosen on out-of-fold scores. "
                 "Load it with `luktheme.load(path)`; it is plain JSON and numpy, never pickle.")
    metrics = meta.get("metrics", {})
    if metrics:
        shown = [f"{name.replace('_micro_f1', '').replace('_', ' ')} micro F1 **{value:.3f}**"
                 for name, value in sorted(metrics.items(), key=lambda kv: "blind" not in kv[0])]
        lines += ["", "Quality: " + "; ".join(shown) + ". The blind figure estimates measures written by other "
                  "authors; cross-validation (cv) on the project's own rows flatters."]
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
    for name, figures in meta.get("heldout", {}).items():
        lines += ["", f"## Quality on `{name}`: held-out rows, never trained or tuned on", ""]
        if "blind" in name:
            lines.append("Rows written blind, by writers who never saw the specification, the codebook, the cue "
                         "lists or any labeled row, from a genre and a subject (never a theme), then labeled in "
                         "two passes. They estimate how the model does on measures written by other authors; "
                         "the cross-validated figures below do not.")
            lines.append("")
        per_lang = ", ".join(f"{code} {figures[f'micro_f1_{code}']:.3f}" for code in ("nb", "nn")
                             if f"micro_f1_{code}" in figures)
        lines.append(f"{figures['n']} rows: **micro F1 {figures['micro_f1']:.3f}**, macro F1 "
                     f"{figures['macro_f1']:.3f} ({per_lang}); exact label set right on "
                     f"{figures['exact_match']:.1%} of rows.")
        lines += ["", "| theme | precision | recall | F1 |", "|---|---|---|---|"]
        for t in THEMES:
            f = figures["themes"][t]
            lines.append(f"| {t} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} |")
    if meta.get("evaluation"):
        evaluation = meta["evaluation"]
        lines += ["", "## Cross-validated quality", "", evaluation.get("report") or evaluation["table"]]
        lines += ["", "No cross-validated figure is a clean estimate for measures from new sources: the "
                  "seed's wording shaped the specification's cue lists, and the written rows were written to "
                  "their labels by people who knew the cues. The held-out blind figure above is the estimate."]
    if meta.get("versions"):
        lines += ["", "## Versions", "", ", ".join(f"{k} {v}" for k, v in meta["versions"].items())]
    return "\n".join(lines) + "\n"


def _json(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2)
