"""Rebuild the Norwegian (Bokmål + Nynorsk) spaCy pipeline from the NDT treebank.

The pipeline is trained from the Norwegian Dependency Treebank with NorNE
annotations (``../shared/corpora/norne``).  Every sentence of the UD dev and
test splits is held out of training (matched on its word sequence), so the
figures printed at the end are honest held-out scores.

Usage::

    python scripts/train_nlp.py                      # all steps: prepare, disambiguate, train,
                                                     # assemble, select, evaluate
    python scripts/train_nlp.py --steps prepare      # only convert the treebank
    python scripts/train_nlp.py --steps assemble,evaluate

Intermediate corpora go to ``--build`` (default ``/tmp/luktheme_nlp_build``),
never into the repository: the treebank's texts may be used for training but
must not be republished.  Only the trained weights and a word-level lexicon
(forms, lemmas, tags and counts; no running text) end up in ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

# One thread: the machine is shared and spaCy's CNN does not scale well anyway.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

STANDARDS = {"nob": "no_bokmaal", "nno": "no_nynorsk"}
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "norne"
DEFAULT_BUILD = Path(os.environ.get("LUKTHEME_NLP_BUILD", "/tmp/luktheme_nlp_build"))
DEFAULT_OUT = REPO / "models" / "nlp-nbnn-v1"
CONFIG = Path(__file__).resolve().parent / "nlp_config.cfg"

# Context-table entries worth storing (the pipeline applies stricter thresholds).
CONTEXT_MIN_COUNT = 2
CONTEXT_MIN_SHARE = 0.9

# NDT marks headlines with a trailing "|" token that running text never has.
HEADLINE_MARK = "|"


# --------------------------------------------------------------------------- reading


def read_conll(path: Path) -> list[list[list[str]]]:
    """Read a CoNLL(-U) file into sentences of 10-column rows (comments dropped)."""
    sents: list[list[list[str]]] = []
    cur: list[list[str]] = []
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def read_ud_texts(path: Path) -> list[str]:
    """Return the ``# text`` line of every sentence of a CoNLL-U file."""
    out = []
    with open(path, encoding="utf8") as fh:
        for line in fh:
            if line.startswith("# text = "):
                out.append(line[len("# text = ") :].rstrip("\n"))
    return out


def sent_key(forms: list[str]) -> tuple[str, ...]:
    return tuple(f for f in forms if f != HEADLINE_MARK)


def loose_key(forms: list[str]) -> str:
    """Key that survives small tokenization differences between NDT and UD."""
    s = "".join(f for f in forms if f != HEADLINE_MARK).lower()
    return re.sub(r"\W+", "", s)


def norm_lemma(lemma: str) -> str:
    """NDT/UD write punctuation lemmas as ``$,``; the pipeline uses the bare mark."""
    if len(lemma) > 1 and lemma.startswith("$"):
        return lemma[1:]
    return lemma


def case_like(lemma: str, form: str) -> str:
    """Give the lemma the initial case of its form.

    The pipeline lower-cases lemmas on output anyway; training on case-matched
    lemmas spares the edit-tree lemmatizer one tree per initial capital
    ("Kamskjell" -> "kamskjell" would otherwise need a tree that rewrites "K").
    """
    if lemma and form and form[0].isupper() and lemma[0].islower() and lemma[0] == form[0].lower():
        return form[0] + lemma[1:]
    return lemma


# --------------------------------------------------------------------------- UPOS map


def _children(sent: list[list[str]]) -> dict[int, list[list[str]]]:
    ch: dict[int, list[list[str]]] = defaultdict(list)
    for row in sent:
        try:
            ch[int(row[6])].append(row)
        except ValueError:
            pass
    return ch


_NUMBER_WORD = (
    "null|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
    "atten|nitten|tjue|tjuge|tretti|tredve|førti|femti|seksti|sytti|åtti|nitti|hundre|tusen"
)
_NUMERAL = re.compile(rf"^(?:[\d.,/-]*\d[\d.,/-]*|(?:{_NUMBER_WORD})(?:{_NUMBER_WORD}|og|en|ein|ett|eitt)*)$")


def upos_keys(row: list[str], children: list[list[str]]) -> list[tuple]:
    """Backoff keys from the most to the least specific NDT description of a word.

    The UD conversion of NDT decides UPOS from more than the tag: ``verb`` is
    AUX when it governs an infinitive or a predicative, ``prep`` is SCONJ when
    it governs a clause, ``det`` is PRON when it stands alone.  Those signals
    live in the dependents, so they are part of the key.
    """
    pos, feats, deprel, lemma = row[3], row[5].split("|"), row[7], row[2].lower()
    # A common noun that also starts names ("senter", "Senter for ...") must not take
    # the names' tag at the lemma-level keys.
    prop = "prop" in feats
    # NDT tags cardinal numbers "det kvant" like "alle" and "mange"; UD makes them NUM.
    # Numbers the dev split never shows would otherwise fall through to DET.
    numeral = [("n", pos, "numeral")] if pos == "det" and _NUMERAL.match(lemma) else []
    ch = tuple(sorted({(c[7], c[3]) for c in children if c[7] in {"INFV", "SPRED", "PUTFYLL", "DOBJ", "SUBJ"}}))
    fe = tuple(sorted(f for f in feats if f in {"prop", "appell", "kvant", "<ikke-clb>", "clb", "pers", "dem", "poss", "refl"}))
    return [
        ("a", pos, lemma, fe, deprel, ch),
        ("b", pos, lemma, prop, deprel, ch),
        ("c", pos, lemma, fe, deprel),
        ("d", pos, lemma, prop),
        *numeral,
        ("e", pos, fe, deprel, ch),
        ("f", pos, fe, deprel),
        ("g", pos, fe),
        ("h", pos),
    ]


class UposMap:
    """Map NDT (Oslo-Bergen) analyses to UPOS, learnt from NDT/UD sentence pairs."""

    def __init__(self) -> None:
        self.table: dict[tuple, Counter] = defaultdict(Counter)

    def fit(self, pairs) -> "UposMap":
        for ndt_sent, ud_sent in pairs:
            ch = _children(ndt_sent)
            for row, ud_row in zip(ndt_sent, ud_sent):
                for k in upos_keys(row, ch[int(row[0])]):
                    self.table[k][ud_row[3]] += 1
        return self

    def predict_sent(self, sent: list[list[str]]) -> list[str]:
        ch = _children(sent)
        out = []
        for row in sent:
            tag = "X"
            for k in upos_keys(row, ch[int(row[0])]):
                c = self.table.get(k)
                # The lemma-level keys need a little support; the tag-level ones are the floor.
                if c and (sum(c.values()) >= 2 or k[0] == "h"):
                    tag = c.most_common(1)[0][0]
                    break
            else:
                if row[3] in {"clb", "<komma>", "<anf>", "<strek>", "<parentes-beg>", "<parentes-slutt>"}:
                    tag = "PUNCT"
            out.append(tag)
        return out


# --------------------------------------------------------------------------- prepare


def load_corpus(corpus: Path):
    """Return NDT sentences per standard (file, sentence) and UD splits."""
    ndt: dict[str, list[tuple[str, list[list[str]]]]] = {}
    ud: dict[tuple[str, str], list[list[list[str]]]] = {}
    ud_texts: dict[tuple[str, str], list[str]] = {}
    for std, udname in STANDARDS.items():
        files = sorted((corpus / "ndt" / std).glob("*.conll"))
        if not files:
            raise SystemExit(
                f"no NDT files under {corpus / 'ndt' / std}: expected the norne copy with ndt/nob and "
                "ndt/nno; pass --corpus pointing at shared/corpora/norne"
            )
        ndt[std] = [(f.stem, s) for f in files for s in read_conll(f)]
        for split in ("dev", "test"):
            p = corpus / "ud" / std / f"{udname}-ud-{split}.conllu"
            ud[(std, split)] = read_conll(p)
            ud_texts[(std, split)] = read_ud_texts(p)
    return ndt, ud, ud_texts


def split_corpus(ndt, ud):
    """Hold every UD dev/test sentence out of training; pair dev sentences with NDT."""
    train: dict[str, list[tuple[str, list[list[str]]]]] = {}
    dev_pairs = []
    held = {}
    for std in STANDARDS:
        held_exact = set()
        held_loose = set()
        for split in ("dev", "test"):
            for s in ud[(std, split)]:
                forms = [r[1] for r in s]
                held_exact.add(sent_key(forms))
                held_loose.add(loose_key(forms))
        by_key: dict[tuple[str, ...], list[list[str]]] = {}
        kept = []
        dropped = 0
        for fname, s in ndt[std]:
            forms = [r[1] for r in s]
            k = sent_key(forms)
            by_key.setdefault(k, s)
            if k in held_exact or loose_key(forms) in held_loose:
                dropped += 1
                continue
            kept.append((fname, s))
        train[std] = kept
        held[std] = dropped
        for s in ud[(std, "dev")]:
            n = by_key.get(sent_key([r[1] for r in s]))
            if n is not None:
                n = [r for r in n if r[1] != HEADLINE_MARK or r[2] != "$|"] if len(n) != len(s) else n
                if len(n) == len(s):
                    dev_pairs.append((n, s))
    return train, dev_pairs, held


def build_lexicon(train, upos_map: UposMap) -> dict:
    """Word-level statistics of the training sentences (no running text).

    ``forms`` maps an exact form to its analyses ``[lemma, upos, count]``;
    ``compound_lemmas`` / ``simple_lemmas`` record which lemmas NDT marks as
    compounds (feature ``samset``), so known words are split only when the
    treebank says they are compounds.
    """
    forms: dict[str, Counter] = defaultdict(Counter)
    forms_nno: dict[str, Counter] = defaultdict(Counter)
    samset: Counter = Counter()
    simple: Counter = Counter()
    for std in STANDARDS:
        for _f, s in train[std]:
            tags = upos_map.predict_sent(s)
            for row, upos in zip(s, tags):
                if row[1] == HEADLINE_MARK and row[2] == "$|":
                    continue
                lemma = norm_lemma(row[2])
                forms[row[1]][(lemma, upos)] += 1
                if std == "nno":
                    forms_nno[row[1]][(lemma, upos)] += 1
                if upos in {"NOUN", "ADJ", "VERB"}:
                    if "samset" in row[5].split("|"):
                        samset[lemma.lower()] += 1
                    else:
                        simple[lemma.lower()] += 1
    from luktheme.nlp import Lexicon, context_keys

    # [lemma, upos, count, Nynorsk count]: the standards share most words but not
    # all lemmas ("vil" is "ville" in Bokmål, "vilje" in Nynorsk).
    forms_out = {
        f: [[l, u, n, forms_nno[f][(l, u)]] for (l, u), n in c.most_common()] for f, c in forms.items()
    }
    lex = Lexicon(forms_out)
    # Context table: for words with several analyses, the analysis given the
    # neighbours, kept only where the treebank is (nearly) unanimous.  It lets
    # the pipeline answer "til å", "det er" ... without running the network.
    ctx: dict[str, Counter] = defaultdict(Counter)
    for std in STANDARDS:
        for _f, s in train[std]:
            tags = upos_map.predict_sent(s)
            rows = [(r, u) for r, u in zip(s, tags) if not (r[1] == HEADLINE_MARK and r[2] == "$|")]
            words = [r[1] for r, _u in rows]
            for i, (row, upos) in enumerate(rows):
                form = row[1]
                if form in lex.known:
                    continue
                prev = words[i - 1] if i else "<s>"
                nxt = words[i + 1] if i + 1 < len(words) else "</s>"
                answer = f"{norm_lemma(row[2]).lower()}\t{upos}"
                for key in context_keys(prev, form, nxt, lex.word_class):
                    ctx[key][answer] += 1
    contexts = {}
    for key, c in ctx.items():
        total = sum(c.values())
        answer, n = c.most_common(1)[0]
        # Stored with its counts; the pipeline's thresholds pick the entries it trusts.
        if total >= CONTEXT_MIN_COUNT and n / total >= CONTEXT_MIN_SHARE:
            contexts[key] = f"{answer}\t{n}\t{total}"
    return {
        "forms": forms_out,
        "compound_lemmas": sorted(l for l, n in samset.items() if n > simple.get(l, 0)),
        "simple_lemmas": sorted(l for l, n in simple.items() if n >= samset.get(l, 0)),
        "contexts": contexts,
    }


def to_docs(sents_with_file, upos_map: UposMap, vocab, doc_size: int = 10):
    """Group consecutive sentences of one NDT file into multi-sentence Docs.

    The sentence recognizer learns nothing from one-sentence Docs, so the
    training Docs hold up to ``doc_size`` sentences in their original order.
    """
    from spacy.tokens import Doc

    docs = []
    group: list[list[list[str]]] = []
    last_file = None

    def flush():
        if not group:
            return
        words, lemmas, pos, starts = [], [], [], []
        for s in group:
            tags = upos_map.predict_sent(s)
            first = True
            for row, upos in zip(s, tags):
                if row[1] == HEADLINE_MARK and row[2] == "$|":
                    continue
                words.append(row[1])
                lemmas.append(case_like(norm_lemma(row[2]), row[1]))
                pos.append(upos)
                starts.append(first)
                first = False
        if words:
            docs.append(Doc(vocab, words=words, lemmas=lemmas, pos=pos, sent_starts=starts))
        group.clear()

    for fname, s in sents_with_file:
        if fname != last_file or len(group) >= doc_size:
            flush()
            last_file = fname
        group.append(s)
    flush()
    return docs


def ud_docs(sents, vocab, texts=None, doc_size: int = 10):
    """Gold UD sentences as Docs (``doc_size`` consecutive sentences per Doc, real spacing)."""
    from spacy.tokens import Doc

    docs = []
    for i in range(0, len(sents), doc_size):
        words, spaces, lemmas, pos, starts = [], [], [], [], []
        for s in sents[i : i + doc_size]:
            for j, row in enumerate(s):
                words.append(row[1])
                spaces.append("SpaceAfter=No" not in row[9])
                lemmas.append(norm_lemma(row[2]))
                pos.append(row[3])
                starts.append(j == 0)
            spaces[-1] = True
        docs.append(Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, sent_starts=starts))
    return docs


def step_prepare(corpus: Path, build: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    t0 = time.time()
    build.mkdir(parents=True, exist_ok=True)
    ndt, ud, ud_texts = load_corpus(corpus)
    train, dev_pairs, held = split_corpus(ndt, ud)
    upos_map = UposMap().fit(dev_pairs)

    # How faithful is the derived map?  Check it on the dev pairs it was fit on
    # (an upper bound) -- the test split never enters the map.
    ok = tot = 0
    for n, s in dev_pairs:
        for a, b in zip(upos_map.predict_sent(n), s):
            ok += a == b[3]
            tot += 1
    print(f"UPOS map: {ok / tot:.4f} agreement on {tot} dev tokens; held out {held} NDT sentences")

    nlp = spacy.blank("nb")
    stats = {"held_out_sentences": held, "upos_map_dev_agreement": ok / tot}
    for std in STANDARDS:
        docs = to_docs(train[std], upos_map, nlp.vocab)
        DocBin(docs=docs, attrs=["ORTH", "LEMMA", "POS", "SENT_START"]).to_disk(build / f"train_{std}.spacy")
        stats[f"train_tokens_{std}"] = sum(len(d) for d in docs)
        for split in ("dev", "test"):
            d = ud_docs(ud[(std, split)], nlp.vocab)
            DocBin(docs=d, attrs=["ORTH", "LEMMA", "POS", "SENT_START"]).to_disk(build / f"{split}_{std}.spacy")
    all_docs = []
    for std in STANDARDS:
        all_docs += list(DocBin().from_disk(build / f"train_{std}.spacy").get_docs(nlp.vocab))
    DocBin(docs=all_docs, attrs=["ORTH", "LEMMA", "POS", "SENT_START"]).to_disk(build / "train_all.spacy")
    dev_all = []
    for std in STANDARDS:
        dev_all += list(DocBin().from_disk(build / f"dev_{std}.spacy").get_docs(nlp.vocab))
    DocBin(docs=dev_all, attrs=["ORTH", "LEMMA", "POS", "SENT_START"]).to_disk(build / "dev_all.spacy")

    lex = build_lexicon(train, upos_map)
    with open(build / "lexicon.json", "w", encoding="utf8") as fh:
        json.dump(lex, fh, ensure_ascii=False)
    with open(build / "prepare_stats.json", "w") as fh:
        json.dump(stats, fh, indent=1)
    print(json.dumps(stats), f"{time.time() - t0:.0f}s")


# --------------------------------------------------------------------------- disambiguate


def step_disambiguate(build: Path, min_count: int = 20) -> Path:
    """Fit the context tagger (ambiguous words) and the unseen-word tagger on the training sentences."""
    import spacy
    from spacy.tokens import DocBin

    from luktheme.nlp import ContextTagger, Lexicon, UnseenWordTagger

    t0 = time.time()
    with open(build / "lexicon.json", encoding="utf8") as fh:
        lex = json.load(fh)
    lexicon = Lexicon(lex["forms"], lex["compound_lemmas"], lex["simple_lemmas"], contexts=lex["contexts"])
    nlp = spacy.blank("nb")
    sents = []
    for doc in DocBin().from_disk(build / "train_all.spacy").get_docs(nlp.vocab):
        for s in doc.sents:
            sents.append(([t.text for t in s], [t.pos_ for t in s]))
    tagger = ContextTagger(lexicon, min_count=min_count).fit(sents)
    out = build / "context_tagger"
    tagger.to_disk(out)
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"context tagger: {len(tagger.forms_)} forms, {len(tagger.features_)} features, {size / 1e6:.1f} MB, {time.time() - t0:.0f}s")
    t0 = time.time()
    unseen = UnseenWordTagger(lexicon).fit(sents)
    unseen.to_disk(build / "unseen_tagger")
    size = sum(f.stat().st_size for f in (build / "unseen_tagger").iterdir())
    print(f"unseen-word tagger: {len(unseen.features_)} features, {size / 1e6:.1f} MB, {time.time() - t0:.0f}s")
    return out


def step_select(build: Path, out: Path, min_gain: int = 2, min_rate: float = 0.025) -> None:
    """Keep the context tagger only for the forms it tags better than the network on UD dev.

    The tagger costs time per call (about 50 microseconds); on most forms it
    gains nothing.  Each form's gain is counted on the dev split of both
    standards (right UPOS with the tagger minus right UPOS without).  A form
    is kept if it gains at least ``min_gain`` tokens and at least one token per
    ``1 / min_rate`` calls: frequent prepositions ("for", "til", "på") gain a
    few tokens at the price of thousands of calls in plan documents.  The test
    split is not used.
    """
    from collections import Counter

    from spacy.tokens import Doc, DocBin

    from luktheme.nlp import load_nlp

    nlp = load_nlp(out, shared=False)  # its context tagger is changed below
    comp = nlp.get_pipe("luktheme_lexicon")
    ctag = comp.context_tagger
    if ctag is None:
        raise SystemExit(f"{out} has no context tagger to select from; run the assemble step first")
    gain: Counter = Counter()
    calls: Counter = Counter()
    real = ctag.predict_at

    def counted(lows, classes, i, lo, hi, form):
        calls[form] += 1
        return real(lows, classes, i, lo, hi, form)

    ctag.predict_at = counted
    for std in STANDARDS:
        gold = list(DocBin().from_disk(build / f"dev_{std}.spacy").get_docs(nlp.vocab))
        runs = []
        for on in (True, False):
            comp.use_context_tagger = on
            comp.reset_cache()
            tags = []
            for g in gold:
                doc = nlp(Doc(g.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]))
                tags.append([t.pos_ for t in doc])
            runs.append(tags)
        for g, on_tags, off_tags in zip(gold, *runs):
            for t, a, b in zip(g, on_tags, off_tags):
                if a != b:
                    form = ctag.target(t.text, t.is_sent_start)
                    gain[form] += (a == t.pos_) - (b == t.pos_)
    comp.use_context_tagger = True
    del ctag.predict_at
    keep = frozenset(f for f in ctag.forms_ if gain[f] >= min_gain and gain[f] >= min_rate * calls[f])
    print("dev gain (tokens) / tagger calls per kept form:", ", ".join(f"{f} {gain[f]}/{calls[f]}" for f in sorted(keep, key=lambda f: -gain[f])))
    print(
        f"context tagger: {len(keep)} of {len(ctag.forms_)} forms kept (dev gain >= {min_gain} and >= {min_rate} per call); "
        f"dev tokens gained by the kept forms {sum(gain[f] for f in keep)}, by all {sum(gain.values())}"
    )
    ctag.restrict(keep).to_disk(out / "luktheme_lexicon" / "context_tagger")


# --------------------------------------------------------------------------- train


def step_train(build: Path, train_on: str = "all", max_steps: int = 0) -> Path:
    """Train tok2vec + morphologizer + edit-tree lemmatizer + senter with ``nlp_config.cfg``."""
    from spacy.cli.train import train as spacy_train

    out = build / f"trained_{train_on}"
    overrides = {
        "paths.train": str(build / f"train_{train_on}.spacy"),
        "paths.dev": str(build / ("dev_all.spacy" if train_on == "all" else f"dev_{train_on}.spacy")),
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
    t0 = time.time()
    spacy_train(CONFIG, out, overrides=overrides)
    with open(build / f"train_time_{train_on}.json", "w") as fh:
        json.dump({"seconds": time.time() - t0}, fh)
    print(f"trained {train_on} in {time.time() - t0:.0f}s -> {out}")
    return out


# --------------------------------------------------------------------------- assemble


def step_assemble(build: Path, out: Path, train_on: str = "all") -> Path:
    """Turn the trained model into the shipped pipeline folder.

    Adds the lexicon fast path and the rule-based sentence splitter, and stores
    the network components disabled: the lexicon component calls them itself,
    only on the words it cannot answer.
    """
    import shutil

    import spacy

    from luktheme.nlp import NETWORK, ContextTagger, Lexicon, UnseenWordTagger

    nlp = spacy.load(build / f"trained_{train_on}" / "model-best")
    with open(build / "lexicon.json", encoding="utf8") as fh:
        lex = json.load(fh)
    comp = nlp.add_pipe("luktheme_lexicon_v1", name="luktheme_lexicon")
    lexicon = Lexicon(lex["forms"], lex["compound_lemmas"], lex["simple_lemmas"], contexts=lex["contexts"])
    comp.set_lexicon(
        lexicon,
        ContextTagger.from_disk(build / "context_tagger", lexicon),
        UnseenWordTagger.from_disk(build / "unseen_tagger", lexicon),
    )
    # Sentences first: the lexicon reads sentence-initial capitals as lower case.
    nlp.add_pipe("luktheme_sentences_v1", name="luktheme_sentences", before="luktheme_lexicon")
    for name in (*NETWORK, "senter"):
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp.meta.update(
        {
            "name": "nbnn_luktheme",
            "version": "1.0.0",
            "description": "Norwegian Bokmål + Nynorsk: UPOS, lemmas, compound parts, sentences (network, treebank "
            "lexicon, linear context and unseen-word taggers). Trained on "
            "the Norwegian Dependency Treebank (NorNE release); UD dev/test sentences held out.",
            "sources": [{"name": "Norwegian Dependency Treebank / NorNE", "url": "https://github.com/ltgoslo/norne",
                         "license": "CC0 (annotations)"}],
            "license": "CC0 annotations; see the treebank's publishers for the texts",
        }
    )
    # The build paths of this machine mean nothing elsewhere.
    for key in ("train", "dev"):
        nlp.config["paths"][key] = None
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"pipeline written to {out} ({size / 1e6:.1f} MB)")
    return out


# --------------------------------------------------------------------------- evaluate


def _sent_starts(doc) -> set[int]:
    return {t.i for t in doc if t.is_sent_start and t.i > 0}


def evaluate_docs(nlp_run, gold_docs, train_forms: set[str]) -> dict:
    """Accuracy of ``nlp_run`` (a callable Doc -> Doc on gold tokens) against gold Docs."""
    from spacy.tokens import Doc

    n = pos_ok = lem_ok = 0
    un = un_ok = 0
    tp = fp = fn = 0
    for gold in gold_docs:
        doc = Doc(gold.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        doc = nlp_run(doc)
        for g, p in zip(gold, doc):
            n += 1
            pos_ok += g.pos_ == p.pos_
            ok = g.lemma_.lower() == p.lemma_.lower()
            lem_ok += ok
            if g.text.lower() not in train_forms:
                un += 1
                un_ok += ok
        gs, ps = _sent_starts(gold), _sent_starts(doc)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tokens": n,
        "upos": pos_ok / n,
        "lemma": lem_ok / n,
        "unseen_tokens": un,
        "unseen_lemma": un_ok / un if un else float("nan"),
        "sent_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "sent_p": prec,
        "sent_r": rec,
    }


def step_evaluate(build: Path, out: Path, splits=("dev", "test")) -> dict:
    """Score the pipeline on the UD dev/test splits, in fast mode and plain-network mode."""
    import spacy
    from spacy.tokens import DocBin

    from luktheme.nlp import load_nlp

    with open(build / "lexicon.json", encoding="utf8") as fh:
        train_forms = {f.lower() for f in json.load(fh)["forms"]}
    # Private copies, read from the folder as the steps before wrote it.
    fast = load_nlp(out, shared=False)
    full = load_nlp(out, fast=False, shared=False)
    senter_nlp = spacy.load(out)
    for name in ("tok2vec", "senter"):
        senter_nlp.enable_pipe(name)
    for name in list(senter_nlp.pipe_names):
        if name not in ("tok2vec", "senter"):
            senter_nlp.disable_pipe(name)

    def runner(nlp):
        def run(doc):
            for _name, proc in nlp.pipeline:
                doc = proc(doc)
            return doc

        return run

    results = {}
    for std in STANDARDS:
        for split in splits:
            gold = list(DocBin().from_disk(build / f"{split}_{std}.spacy").get_docs(fast.vocab))
            r_fast = evaluate_docs(runner(fast), gold, train_forms)
            r_full = evaluate_docs(runner(full), gold, train_forms)
            r_sent = evaluate_docs(runner(senter_nlp), gold, train_forms)
            results[f"{std}/{split}"] = {"fast": r_fast, "network": r_full, "senter_f1": r_sent["sent_f1"]}
            print(
                f"{std} {split}: fast UPOS {r_fast['upos']:.4f} lemma {r_fast['lemma']:.4f} "
                f"unseen lemma {r_fast['unseen_lemma']:.4f} (n={r_fast['unseen_tokens']}) sentF1 {r_fast['sent_f1']:.4f} | "
                f"network UPOS {r_full['upos']:.4f} lemma {r_full['lemma']:.4f} unseen {r_full['unseen_lemma']:.4f} | "
                f"senter F1 {r_sent['sent_f1']:.4f}"
            )
    with open(build / f"eval_{out.name}.json", "w") as fh:
        json.dump(results, fh, indent=1)
    return results


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--build", type=Path, default=DEFAULT_BUILD)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--steps", default="prepare,disambiguate,train,assemble,select,evaluate")
    ap.add_argument("--train-on", default="all", help="all (joint model), nob or nno")
    ap.add_argument("--max-steps", type=int, default=0, help="override training.max_steps")
    ap.add_argument("--min-count", type=int, default=20, help="context tagger: fewest training uses of a form")
    args = ap.parse_args(argv)
    steps = args.steps.split(",")
    if "prepare" in steps:
        step_prepare(args.corpus, args.build)
    if "disambiguate" in steps:
        step_disambiguate(args.build, args.min_count)
    if "train" in steps:
        step_train(args.build, args.train_on, args.max_steps)
    if "assemble" in steps:
        step_assemble(args.build, args.out, args.train_on)
    if "select" in steps:
        step_select(args.build, args.out)
    if "evaluate" in steps:
        step_evaluate(args.build, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
