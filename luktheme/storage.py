"""Model folders: write and read a fitted classifier and its metadata without pickle.

A model folder holds

* ``meta.json``: format, versions, themes, thresholds, classifier parameters,
  training-data hash and cross-validated metrics;
* ``vectorizer.json``: vectorizer parameters and vocabularies;
* ``weights.npz``: IDF vectors, coefficients, intercepts (numpy arrays only,
  read with ``allow_pickle=False``, so loading never runs code from the folder);
* ``README.md``: the model card, generated from ``meta.json``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np

from ._paths import models_dir
from ._version import __version__
from .errors import ModelError, ModelVersionWarning
from ._io import folder_mode
from .card import render_card
from .scorer import ThemeScorer
from .taxonomy import THEMES

FORMAT = "luktheme.tfidf_cues.v2"
#: Formats this version reads: v1 folders (no theme lexicon) load as they are.
READABLE_FORMATS = ("luktheme.tfidf_cues.v1", FORMAT)
DEFAULT_MODEL = "luktheme-themes-v1"
_FILES = ("meta.json", "vectorizer.json", "weights.npz")
#: Everything :func:`save_model` writes into a folder; ``--force`` replaces nothing else.
_WRITTEN = (*_FILES, "README.md")


def check_output(path: str | os.PathLike, *, force: bool = False) -> None:
    """Check before any work that a model may be written to ``path``.

    Raises
    ------
    FileExistsError
        If ``path`` is anything but a model folder of this library, or is one and ``force`` is false.
    """
    check_replaceable(path)
    if Path(path).exists() and not force:
        raise FileExistsError(f"{path} exists. To replace the model, set the --force or -F flag (force=True in Python).")


def check_replaceable(path: str | os.PathLike) -> None:
    """Refuse, with the reason, unless ``path`` is absent or a model folder this library wrote.

    ``--force`` must never delete what the user made: a folder may be replaced
    only when its ``meta.json`` names a luktheme model format and it holds
    nothing but the files :func:`save_model` writes.

    Raises
    ------
    FileExistsError
        Naming what is in the way.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "notes.txt").write_text("mine")
    >>> check_replaceable(d)
    Traceback (most recent call last):
    ...
    FileExistsError: ... is not a luktheme model folder (no meta.json of a luktheme model; it holds notes.txt). ...
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return
    advice = "Nothing was changed; choose another output folder."
    if path.is_symlink() or not path.is_dir():
        raise FileExistsError(f"{path} exists and is not a folder. {advice}")
    entries = sorted(p.name for p in path.iterdir())
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        ours = isinstance(meta, dict) and str(meta.get("format", "")).startswith("luktheme.")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        ours = False
    if not ours:
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "") or "nothing"
        raise FileExistsError(f"{path} is not a luktheme model folder (no meta.json of a luktheme model; "
                              f"it holds {shown}). --force replaces only model folders. {advice}")
    foreign = [e for e in entries if e not in _WRITTEN]
    if foreign:
        raise FileExistsError(f"{path} is a model folder but also holds {', '.join(foreign[:5])}, which "
                              "luktheme did not write. Nothing was changed; move those files away first or choose another "
                              "output folder.")


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model depends on."""
    import scipy
    import sklearn
    import spacy

    return {"luktheme": __version__, "python": platform.python_version(), "numpy": np.__version__,
            "scipy": scipy.__version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__}


def save_model(classifier, meta: dict, path: str | os.PathLike, *, force: bool = False) -> dict:
    """Write a fitted classifier and its metadata as a model folder; returns the metadata written.

    The folder is built next to its destination and moved into place, so an
    interrupted save never leaves a half-written model.

    Parameters
    ----------
    classifier : ThemeClassifier or ThemeScorer
        Fitted; its ``to_state()`` gives what is written.
    meta : dict
        What the model knows of itself (training data, metrics); versions, themes,
        thresholds and parameters are added.
    path : str or path-like
        The model folder to create.
    force : bool
        Replace an existing folder, if it is a luktheme model folder (see :func:`check_replaceable`).

    Examples
    --------
    >>> import luktheme, tempfile
    >>> out = luktheme.load().save(tempfile.mkdtemp() + "/copy")
    >>> luktheme.load(out)("Kartlegge bustadbehovet").themes
    ('statistikk',)
    """
    path = Path(path)
    check_output(path, force=force)
    params, state, arrays = classifier.to_state()
    meta = dict(meta)
    meta.update({
        "name": path.name,
        "format": FORMAT,
        "luktheme_version": __version__,
        "versions": library_versions(),
        "themes": list(THEMES),
        "thresholds": {t: round(float(v), 4) for t, v in zip(THEMES, arrays["thresholds"])},
        "classifier": params,
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (tmp / "vectorizer.json").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(tmp / "weights.npz", **arrays)
        (tmp / "README.md").write_text(render_card(meta), encoding="utf-8")
        os.chmod(tmp, folder_mode())  # mkdtemp makes it private; give it the usual mode
        if path.exists():
            check_replaceable(path)  # again: the folder may have changed while the model was written
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return meta


def read_model(path: str | os.PathLike | None = None) -> tuple[ThemeScorer, dict]:
    """Read a model folder into a scorer and its metadata; with no argument, the bundled model.

    Parameters
    ----------
    path : str or path-like, optional
        A folder written by :func:`save_model` or ``luktheme train``.

    Returns
    -------
    (ThemeScorer, dict)

    Raises
    ------
    ModelError
        If the folder or one of its files is missing or damaged, or its format is unknown.

    Warns
    -----
    ModelVersionWarning
        If the folder was written by another luktheme version.

    Examples
    --------
    >>> scorer, meta = read_model()
    >>> meta["themes"] == list(THEMES), type(scorer).__name__
    (True, 'ThemeScorer')
    """
    path = Path(path) if path is not None else models_dir() / DEFAULT_MODEL
    if not path.is_dir():
        raise ModelError(f"{path}: no such model folder. Pass a folder written by `luktheme train`, "
                         "or call luktheme.load() with no argument for the bundled model.")
    for name in _FILES:
        if not (path / name).is_file():
            raise ModelError(f"{path / name}: missing from the model folder. Load another model folder, "
                             "or train a new one into a new folder: `luktheme train data/ -o NEW_FOLDER`.")
    meta = _read_json(path / "meta.json")
    if not isinstance(meta, dict):
        raise ModelError(f"{path / 'meta.json'}: expected a JSON object, got {type(meta).__name__}. "
                         "The model folder is damaged; load another one or retrain.")
    if meta.get("format") not in READABLE_FORMATS:
        raise ModelError(f"{path}: model format {meta.get('format')!r} is not one of {READABLE_FORMATS}; this "
                         f"luktheme ({__version__}) cannot read it. Load it with the luktheme version that wrote "
                         "it, or train a new model into a new folder with `luktheme train`.")
    if meta.get("luktheme_version") != __version__:
        warnings.warn(f"{path} was written by luktheme {meta.get('luktheme_version')}, this is {__version__}. "
                      "Scores may differ; retrain with `luktheme train` to be sure.", ModelVersionWarning,
                      stacklevel=3)
    if tuple(meta.get("themes", ())) != THEMES:
        raise ModelError(f"{path}: themes {meta.get('themes')} differ from {list(THEMES)}. Retrain the model.")
    state = _read_json(path / "vectorizer.json")
    try:
        with np.load(path / "weights.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        scorer = ThemeScorer.from_state(meta["classifier"], state, arrays)
        n_features = len(scorer.vectorizer_.feature_names)
    except (KeyError, ValueError, TypeError, OSError, IndexError, AttributeError, EOFError,
            zipfile.BadZipFile) as err:
        raise ModelError(f"{path}: damaged model files ({type(err).__name__}: {err}). Load another model "
                         "folder, or train a new one into a new folder with `luktheme train`.") from None
    if scorer.coef_.shape != (len(THEMES), n_features):
        raise ModelError(f"{path / 'weights.npz'}: weights of shape {scorer.coef_.shape} do not fit "
                         f"{n_features} features. The folder is damaged; retrain the model.")
    return scorer, meta


def _read_json(file: Path) -> dict:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError(f"{file}: not valid JSON ({err}). The model folder is damaged; retrain it.") from None
