import numpy as np
import pytest
from sklearn.base import clone

from luktheme.model import ThemeClassifier, best_thresholds, fit_logistic
from luktheme.splits import grouped_multilabel_folds
from luktheme.taxonomy import THEMES


def test_fit_returns_self_and_learns_state(toy):
    texts, labels = toy
    clf = ThemeClassifier(threshold_folds=3)
    assert clf.fit(texts, labels) is clf
    assert list(clf.classes_) == list(THEMES)
    assert clf.coef_.shape[0] == 5 and clf.thresholds_.shape == (5,) and clf.oof_scores_.shape == (24, 5)
    assert not hasattr(ThemeClassifier(), "coef_")


def test_overfits_toy_data_in_both_standards(toy):
    texts, labels = toy
    clf = ThemeClassifier(threshold_folds=0).fit(texts, labels)
    P = clf.predict(texts[:12])
    expected = np.array([[t in lab for t in THEMES] for lab in labels[:12]], dtype=int)
    assert (P == expected).all()
    assert clf.score(texts, labels) == 1.0


def test_label_order_comes_from_taxonomy_not_data():
    texts = ["Statistikk om folketal", "Asfaltere vegen", "Statistikk og analyse", "Ny bru"] * 2
    labels = [["statistikk"], [], ["statistikk"], []] * 2
    clf = ThemeClassifier(threshold_folds=0).fit(texts, labels)
    P = clf.predict_proba(["Statistikk"])
    assert P.shape == (1, 5) and P[0, 4] > 0.5
    assert P[0, :4].max() < 0.01  # themes with no positive row get a constant low score


def test_get_params_and_clone(toy):
    clf = ThemeClassifier(C=2.0, cue_weight=0.5)
    params = clf.get_params()
    assert params["C"] == 2.0 and params["cue_weight"] == 0.5 and params["analysis"] == "lemma"
    texts, labels = toy
    fitted = clf.fit(texts, labels)
    copy = clone(fitted)
    assert copy.get_params() == params and not hasattr(copy, "coef_")


def test_unfitted_and_bad_params():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        ThemeClassifier().predict(["Kurs"])
    with pytest.raises(ValueError, match="'analysis' parameter of ThemeClassifier must be one of"):
        ThemeClassifier(analysis="bert").fit(["a", "b"], [[], []])
    with pytest.raises(ValueError, match="'C' parameter"):
        ThemeClassifier(C=0).fit(["a", "b"], [[], []])


def test_string_instead_of_list_is_rejected(toy):
    texts, labels = toy
    clf = ThemeClassifier(threshold_folds=0).fit(texts, labels)
    with pytest.raises(TypeError, match="string object received"):
        clf.predict("Kurs i planstrategi")
    with pytest.raises(TypeError, match=r"X\[1\] must be a str"):
        clf.predict(["Kurs", None])


def test_fit_logistic_matches_scikit_learn():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    X = rng.random((40, 60)) * (rng.random((40, 60)) < 0.2)
    Y = np.column_stack([X[:, 0] + X[:, 1] > 0.3, X[:, 2] > 0.1]).astype(int)
    coef, intercept = fit_logistic(X, Y, C=2.0)
    for k in range(2):
        ref = LogisticRegression(C=2.0, class_weight="balanced", tol=1e-10, max_iter=10000).fit(X, Y[:, k])
        np.testing.assert_allclose(coef[k], ref.coef_[0], atol=5e-3)
        np.testing.assert_allclose(intercept[k], ref.intercept_[0], atol=1e-2)  # a scaled, lightly penalised bias


def test_best_thresholds_maximise_f1():
    Y = np.array([[1, 0], [1, 0], [0, 1], [0, 0], [0, 0]])
    P = np.array([[0.8, 0.1], [0.35, 0.2], [0.3, 0.9], [0.1, 0.3], [0.2, 0.1]])
    thr = best_thresholds(Y, P)
    assert 0.30 < thr[0] <= 0.35  # both positives kept, the 0.3 negative dropped
    assert 0.30 < thr[1] <= 0.90


def test_grouped_folds_keep_groups_whole_and_spread_themes():
    rng = np.random.default_rng(1)
    Y = (rng.random((200, 5)) < 0.25).astype(int)
    groups = [f"g{i // 8}" for i in range(200)]
    folds = grouped_multilabel_folds(Y, groups, 5, random_state=3)
    seen = np.zeros(200, int)
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
        seen[test] += 1
        assert (Y[test].sum(0) > 0).all()
    assert (seen == 1).all()
    with pytest.raises(ValueError, match="groups"):
        grouped_multilabel_folds(Y, ["a"] * 200, 5)


def test_word_and_character_blocks_equal_scikit_learn(toy):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from luktheme.analysis import analyse
    from luktheme.features import ThemeVectorizer

    texts, _ = toy
    analysed = analyse(texts)
    vec = ThemeVectorizer()
    vec.fit_transform(analysed)
    word = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), sublinear_tf=True).fit(analysed)
    char = TfidfVectorizer(analyzer="char_wb", lowercase=False, ngram_range=(2, 5), sublinear_tf=True).fit(analysed)
    new = analyse(["Kurs i planstrategi for kommunane i Vinje", "", "ukjende ord heilt nye", "kurs kurs kurs", "x"])
    for _ in range(2):  # cold, then from the word cache
        fast = vec._char_transform(new).toarray()
        np.testing.assert_allclose(fast, char.transform(new).toarray(), atol=1e-6)
    np.testing.assert_allclose(vec._word_transform(new).toarray(), word.transform(new).toarray(), atol=1e-6)
    assert not fast[1].any() and fast[0].any()


def test_tagging_with_a_loaded_model_never_imports_scikit_learn_scipy_or_pandas():
    import subprocess
    import sys

    code = ("import sys, luktheme; t = luktheme.load()('Kurs i planstrategi'); "
            "print(t.themes, sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('planstrategi', 'kompetanseheving') []"


def test_numpy_scores_equal_the_sparse_product(tagger):
    from luktheme.analysis import analyse

    clf = tagger.classifier
    analysed = analyse(["Kurs i planstrategi for kommunane", "", "x", "Kartlegge bustadbehovet i Vinje"], "lemma")
    sparse = clf.vectorizer_.transform(analysed) @ clf.coef_.T + clf.intercept_
    np.testing.assert_allclose(clf.vectorizer_.log_odds(analysed, clf.coef_, clf.intercept_), sparse, atol=1e-9)


def test_a_loaded_scorers_parameters_make_a_trainable_classifier(toy):
    import luktheme

    scorer = luktheme.load().classifier
    fresh = ThemeClassifier(**scorer.get_params())
    assert fresh.get_params() == scorer.get_params()
    texts, labels = toy
    assert fresh.set_params(threshold_folds=0).fit(texts, labels).predict(texts).shape == (len(texts), 5)


@pytest.mark.parametrize("analysis", ["blank", "lemma"])
def test_cached_token_strings_equal_token_by_token_forms(analysis):
    from luktheme.analysis import analyse, pipeline_for, token_forms

    texts = ["Kurs i planstrategi, 2 dagar.", "Kurs i planstrategi for stedsutviklingsprosjekta!",
             "  ", "Ny plan.\n\nUtvikle Kurs 3,5 mill. i Lærdal"]
    expected = [" ".join(f for tok in pipeline_for(analysis)(t) for f in token_forms(tok, analysis == "lemma")) for t in texts]
    for _ in range(2):  # cold, then from the cache
        assert analyse(texts, analysis) == expected
    assert "prosjekt" in analyse(texts[1:2], "lemma")[0].split()
    assert analyse(["2 dagar"], "blank") == ["0 dagar"]


def test_trie_cue_patterns_count_what_the_plain_alternation_counts():
    import random
    import re

    from luktheme.features import CUE_FEATURES, cue_counts
    from luktheme.taxonomy import CUES, NEAR_MISSES

    groups = [CUES[t] for t in THEMES] + [NEAR_MISSES]
    plain = [re.compile("|".join(re.escape(w) for w in sorted(g, key=len, reverse=True))) for g in groups]
    # Texts made of stems, pieces of stems and words, so that stems overlap and nest.
    rng = random.Random(3)
    pieces = [w for g in groups for w in g] + [w[: len(w) // 2] for g in groups for w in g] + ["og", "i", "plan", " "]
    texts = [" ".join(rng.choice(pieces) + rng.choice(["", "e", "s", "ar"]) for _ in range(rng.randint(1, 30)))
             for _ in range(300)]
    expected = np.log1p([[len(p.findall(f" {t} ")) for p in plain] for t in texts])
    assert np.array_equal(cue_counts(texts), expected)
    assert expected[:, : len(CUE_FEATURES)].sum() > 1000
