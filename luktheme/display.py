"""HTML views for Jupyter: a tagged text with its evidence, a batch as a table, a report.

Colours come from :data:`~luktheme.taxonomy.COLOURS`, the same five everywhere.
"""

from __future__ import annotations

from html import escape

from .taxonomy import COLOURS, THEMES

_STYLE = "font-family: sans-serif; font-size: 13px;"


def _bar(theme: str, score: float, threshold: float | None) -> str:
    mark = ""
    if threshold is not None:
        mark = (f'<div title="threshold {threshold:.2f}" style="position:absolute; left:{threshold * 100:.1f}%; '
                'top:-2px; width:2px; height:14px; background:#222;"></div>')
    return (f'<div style="display:flex; align-items:center; gap:6px;"><span style="width:130px;">{theme}</span>'
            f'<div style="position:relative; width:160px; height:10px; background:#eee;">'
            f'<div style="width:{score * 100:.1f}%; height:10px; background:{COLOURS[theme]};"></div>{mark}</div>'
            f'<span>{score:.2f}</span></div>')


def highlight(text: str, evidence) -> str:
    """The text as HTML with one coloured ``<mark>`` per evidence item.

    A word that supports two themes gets two nested marks, one per theme.
    """
    by_span: dict[tuple[int, int], list[str]] = {}
    for e in evidence:
        by_span.setdefault((e.start, e.end), []).append(e.theme)
    out, pos = [], 0
    for (start, end), themes in sorted(by_span.items()):
        if start < pos:
            continue
        inner = escape(text[start:end])
        for theme in sorted(themes, key=THEMES.index, reverse=True):
            inner = (f'<mark class="luktheme-evidence" data-theme="{theme}" title="{theme}" '
                     f'style="background:{COLOURS[theme]}33; border-bottom:2px solid {COLOURS[theme]}; '
                     f'padding:0 1px;">{inner}</mark>')
        out.append(escape(text[pos:start]))
        out.append(inner)
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def explanation_html(explanation) -> str:
    """A text with its evidence highlighted and a bar per theme score with its threshold."""
    themes = ", ".join(f'<b style="color:{COLOURS[t]}">{t}</b>' for t in explanation.themes) or "<i>no theme</i>"
    bars = "".join(_bar(t, explanation.scores[t], explanation.thresholds.get(t)) for t in THEMES)
    return (f'<div style="{_STYLE}"><p style="font-size:14px;">{highlight(explanation.text, explanation.evidence)}</p>'
            f"<p>themes: {themes}</p>{bars}</div>")


def tagging_html(tagging, evidence=()) -> str:
    """A tagged text: the text (with evidence, if given), its themes and score bars."""
    themes = ", ".join(f'<b style="color:{COLOURS[t]}">{t}</b>' for t in tagging.themes) or "<i>no theme</i>"
    bars = "".join(_bar(t, tagging.scores[t], tagging.thresholds.get(t)) for t in THEMES)
    return (f'<div style="{_STYLE}"><p style="font-size:14px;">{highlight(tagging.text, evidence)}</p>'
            f"<p>themes: {themes}</p>{bars}</div>")


def taggings_table_html(taggings) -> str:
    """Many results as one table: text, themes and a coloured cell per score."""
    head = "".join(f'<th style="color:{COLOURS[t]}">{t}</th>' for t in THEMES)
    rows = []
    for t in taggings:
        cells = "".join(
            f'<td style="background:{COLOURS[th]}{"55" if th in t.themes else "00"}; text-align:right;">'
            f"{t.scores[th]:.2f}</td>" for th in THEMES)
        rows.append(f"<tr><td style='text-align:left'>{escape(t.text)}</td><td>{', '.join(t.themes)}</td>{cells}</tr>")
    return (f'<table style="{_STYLE}"><thead><tr><th>text</th><th>themes</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def report_html(report) -> str:
    """The evaluation report: the comparison table, per-theme figures with intervals, the learning curve."""
    main = next(iter(report.predictions))
    subsets = [s for s in ("all", "seed", "written", "blind", "nb", "nn") if s in report.subsets]
    head = "".join(f"<th>micro F1 {s}</th>" for s in subsets) + "<th>macro F1</th>"
    head += "".join(f'<th style="color:{COLOURS[t]}">F1 {t}</th>' for t in THEMES)
    rows = []
    for m in report.predictions:
        figs = {s: report.figures(m, s) for s in subsets}
        cells = "".join(f"<td>{figs[s]['micro_f1']:.3f}</td>" for s in subsets)
        cells += f"<td>{figs['all']['macro_f1']:.3f}</td>"
        cells += "".join(f"<td>{figs['all']['themes'][t]['f1']:.3f}</td>" for t in THEMES)
        weight = "bold" if m == main else "normal"
        rows.append(f'<tr style="font-weight:{weight}"><td style="text-align:left">{escape(m)}</td>{cells}</tr>')
    ivs = report.intervals(main)
    figs = report.figures(main)
    theme_rows = "".join(
        f'<tr><td style="color:{COLOURS[t]}; text-align:left">{t}</td><td>{figs["themes"][t]["precision"]:.3f}</td>'
        f'<td>{figs["themes"][t]["recall"]:.3f}</td><td>{figs["themes"][t]["f1"]:.3f}</td>'
        f'<td>{ivs["themes"][t][0]:.3f}–{ivs["themes"][t][1]:.3f}</td></tr>' for t in THEMES)
    s = report.settings
    return (f'<div style="{_STYLE}"><h4>Cross-validated comparison ({s["n_repeats"]}×{s["n_splits"]} grouped folds, '
            f"{len(report.Y)} rows)</h4><table><thead><tr><th>model</th>{head}</tr></thead><tbody>{''.join(rows)}"
            f"</tbody></table><h4>{escape(main)} per theme</h4><table><thead><tr><th>theme</th><th>precision</th>"
            f"<th>recall</th><th>F1</th><th>95% interval</th></tr></thead><tbody>{theme_rows}</tbody></table>"
            f"<p>micro F1 {figs['micro_f1']:.3f} ({ivs['micro_f1'][0]:.3f}–{ivs['micro_f1'][1]:.3f}); no theme: "
            f"{figs['no_theme_true']:.1%} true, {figs['no_theme_pred']:.1%} predicted.</p></div>")
