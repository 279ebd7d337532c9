"""What a row of a plan is: an action (``tiltak``), a goal (``mål``) or context (``annet``).

Analysts count measures, not sentences. The rules read the form of a row, not its themes:

* a cell of an action-plan table's measure column is an action;
* a row that opens with an infinitive ("Etablere …", "Arrangere …", "Å styrkje …") or a verbal
  noun ("Kartlegging av …", "Etablering av …", "Oppfølging av …") is an action;
* a row that states a goal — a goal word ("mål", "målet", "målsetting", "visjon"), or a subject
  followed by "skal", "vil" or "ønsker å" ("Flere unge skal bo i kommunen") — is a goal, and so is
  a list item under a goal heading ("Mål", "Delmål 2.1 …") that does not open with an action; but
  in a list, an actor's undertaking ("Fylkeskommunen vil utarbeide …") is an action;
* an impersonal action ("Det skal etablerast …", "Det settes i gang …") is an action;
* what a law says ("Etter plan- og bygningsloven § 10-1 skal …") and a body's duty in the passive
  ("… skal vedtas av kommunestyret") are context;
* a list item that states a fact ("Sysselsetjinga er høg") or stands under a context heading
  ("Status", "Nøkkeltal", "Risiko og sårbarheit") is context; running text under a goal heading
  ("Mål", "Visjon") is a goal;
* any other list item is an action (plans list their measures; a noun phrase such as "Universell
  utforming i sentrum" is one); a row of a table that is not an action plan (figures, a list of
  plans) and any other sentence of running text is context.

A "skal" or "vil" after a finite verb belongs to a subordinate clause ("Planprogrammet beskriver
hvordan arbeidet skal gjøres") and states no goal; the pipeline's word table tells finite verbs.
In running text a subject's "skal"/"vil" states an aim with a verb of development or change
("Fylkeskommunen vil styrke kommunane") and names an undertaking with another verb ("Kommunen vil
regulere eit nytt bustadfelt"); a council's procedural duty ("Kommunestyret skal vedta
planstrategien …") and a sentence in the past tense are context.
"""

from __future__ import annotations

import re

#: The three roles, in the order the output explains them.
ROLES = ("tiltak", "mål", "annet")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GOAL_WORD = re.compile(
    r"\b(?:mål|målet|måla|målene|måle|delmål|delmålet|hovedmål|hovudmål|hovedmålet|hovudmålet|"
    r"målsetting|målsettingen|målsettinger|målsettingane|målsetjing|målsetjinga|målsetjingar|"
    r"visjon|visjonen|ambisjon|ambisjonen)\b",
    re.IGNORECASE,
)
#: A modal that states an intention: "skal" / "vil" / "ønsker å" after at least one word of subject.
_INTENT = re.compile(r"^\S+(?:\s+\S+){0,14}?\s+(?:skal|vil|ønsker å|ønskjer å|bør)\s+\S", re.IGNORECASE)
#: Public bodies and "vi": the subjects that undertake things.
_ACTORS = (r"fylkeskommunen|kommunen|kommunane|kommunene|vi|regionrådet|partnarskapet|partnerskapet|rådmannen|"
           r"kommunedirektøren|administrasjonen|staten|[\w-]*fylkeskommune|[\w-]*kommune")
#: An actor that undertakes something ("Fylkeskommunen vil utarbeide …"): in a list, an action.
_ACTOR_INTENT = re.compile(
    r"^(?:\S+\s+){0,2}?(?:" + _ACTORS + r")"
    r"\s+(?:skal|vil|ønsker å|ønskjer å)(?:\s+også|\s+og)?\s+(?P<verb>[^\W\d_]+)",
    re.IGNORECASE,
)
#: A sentence whose subject is an actor that can undertake something: a public body, "vi", a named office.
_ACTOR_SUBJECT = re.compile(
    r"^(?:[^\W\d_]+\s+){0,6}?(?:" + _ACTORS + r"|etaten|tenesta|tjenesten|[\w-]*etaten|[\w-]*tenesta|"
    r"[\w-]*tjenesten|[\w-]*rådet)\b",
    re.IGNORECASE,
)
#: Verbs of being and having: after an actor's "skal" they state a goal, not an undertaking.
_STATE_VERBS = frozenset({"ha", "være", "vere", "bli", "verte", "få", "fremstå", "framstå", "stå", "ligge", "liggje",
                          "kunne", "kunna"})
_GOAL_HEADING = re.compile(
    r"^(?:[\d.]+\s+)?(?:mål|delmål|hovedmål|hovudmål|effektmål|resultatmål|målsetting|målsettinger|"
    r"målsetjing|målsetjingar|visjon|ambisjon)\b",
    re.IGNORECASE,
)
#: An impersonal action: "Det skal etablerast …", "Det settes i gang …", "Det blir oppretta …".
_IMPERSONAL = re.compile(
    r"^det\s+(?:(?:skal|vil|må)\s+(?:bli\s+|verte\s+)?)?(?P<verb>[^\W\d_]+(?:s|ast)|(?:blir|vert)\s+[^\W\d_]+(?:et|a|t|d))\b",
    re.IGNORECASE,
)
#: Passive verbs that state what there is or is needed, not an action ("Det finnes 40 lag").
_EXISTENTIAL = frozenset({"finnes", "fins", "synes", "trengs", "kjennes", "trengst", "finst", "kjennest", "ses", "sees",
                          "sjåast", "merkes", "merkast", "vises", "visast", "forventes", "ventes", "antas"})
#: A sentence that reports what a law says ("Etter plan- og bygningsloven § 10-1 skal …").
_LAW = re.compile(r"^(?:etter|ifølge|ifølgje|i henhold til|i samsvar med|jf\.?)\s+[^,.]*(?:lov|lova|loven|"
                  r"forskrift|forskrifta|forskriften|§)", re.IGNORECASE)
#: A duty of a decision-making body, written in the passive ("… skal vedtas av kommunestyret").
_BODIES = r"(?:kommunestyret|fylkestinget|bystyret|formannskapet|fylkesutvalet|fylkesutvalget|regionrådet)"
_DUTY = re.compile(r"\bskal\s+[^\W\d_]+(?:s|ast)\s+(?:[^\W\d_]+\s+){0,3}?av\s+" + _BODIES + r"|^" + _BODIES +
                   r"\s+skal\s+(?:vedta|behandle|fastsette|fastsetje|godkjenne|rullere|revidere)\b", re.IGNORECASE)
#: Headings of context: status, background, figures, risks, evaluations, the planning process.
_CONTEXT_HEADING = re.compile(
    r"^(?:[\d.]+\s+)?(?:status|bakgrunn|utviklingstrekk|utfordring\w*|nøkkeltal\w*|fakta|situasjon\w*|"
    r"dagens situasjon|kunnskapsgrunnlag\w*|risiko\w*|uønskte|uønskede|evaluering\w*|erfaring\w*|"
    r"kva har vi oppnådd|hva har vi oppnådd|resultat\w*|om planarbeidet|planprosess\w*|medverknad|medvirkning)\b",
    re.IGNORECASE,
)
#: A goal stated in running text: "… har som mål …", "Målet er …", "Visjonen for … er …".
_GOAL_STATEMENT = re.compile(
    r"\bhar\s+som\s+(?:\w+\s+)?mål\b|\bmål(?:et|a|ene)?\s+(?:er|om\s+å|for\s+\S+\s+er)\b|"
    r"^(?:\S+\s+){0,3}?(?:hovudmålet|hovedmålet|målsettinga|målsettingen|målsetjinga|visjonen|ambisjonen)\b|"
    r"^(?:mål|delmål|visjon)\s*[:\d]",
    re.IGNORECASE,
)
#: Verbs of history and evaluation: a sentence in the past tense reports, it does not aim.
_PAST = re.compile(r"\b(?:ble|vart|var|hadde|fikk|fekk|nådde|gikk|gjekk|kom|viste|økte|sank|vokste|voks)\b",
                   re.IGNORECASE)
#: Verbs of development and change: after "skal"/"vil" in running text they state an aim
#: ("Fylkeskommunen vil styrke kommunane"); other verbs name an undertaking ("Kommunen vil regulere …").
_AIM_VERBS = frozenset({
    "styrke", "styrkje", "heve", "fremme", "fremje", "bidra", "utvikle", "videreutvikle", "vidareutvikle", "øke",
    "auke", "bedre", "betre", "forbedre", "forbetre", "sikre", "stimulere", "motivere", "mobilisere", "samordne",
    "koble", "kople", "dyktiggjøre", "arbeide", "arbeida", "jobbe", "legge", "leggje", "skape", "satse", "redusere",
    "halvere", "vekse", "veksa", "ta", "gi", "gje", "gjere", "gjøre", "ha", "være", "vere", "bli", "verte", "få",
    "fremstå", "framstå", "stå", "ligge", "liggje", "kunne", "kunna", "løfte", "løfta", "fornye", "fornye",
    "ivareta", "ta vare", "tilrettelegge", "leggje til rette", "sørge", "sørgje", "opprettholde", "halde", "holde",
    "beholde", "behalde", "tiltrekke", "trekkje", "bygge", "byggje", "byggja", "bevare", "verne", "vareta",
    "prioritere",
})
#: "skal det" + a passive: an impersonal action in inverted order ("Før revisjonen skal det gjennomførast …").
_IMPERSONAL_INVERTED = re.compile(r"\b(?:skal|vil|må)\s+det\s+(?:[^\W\d_]+\s+)?[^\W\d_]+(?:s|ast)\b", re.IGNORECASE)
#: An action-plan cell that is a cross-reference or a status note, not a measure.
_TABLE_NOTE = re.compile(r"^(?:sjå|se|jf\.?|viser til)\s|\b(?:utgår|gjennomført|avslutta|avsluttet)\b", re.IGNORECASE)
#: Modals: a finite verb that opens an intention, not a statement of fact.
_MODALS = frozenset({"skal", "vil", "bør", "må", "kan", "ønsker", "ønskjer", "skulle", "ville"})
#: Endings of verbal nouns that name an action ("kartlegging", "etablering", "utarbeiding").
_VERBAL_NOUN = ("ing", "sjon", "else")
#: Endings that make an unknown word an infinitive ("digitalisere", "tilretteleggje").
_VERB_ENDINGS = ("ere", "isere", "je", "ja")
#: Words after which a verbal noun opens an action in running text ("Kartlegging av …").
_ACTION_LINKS = frozenset({"av", "for", "i", "med", "til", "på", "om", "gjennom", "innan", "innen", "mot"})
_NUMBER_LEAD = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]?|[a-zæøå][.)]|[ivx]+[.)])\s+", re.IGNORECASE)


def word_table(nlp):
    """The word table (:class:`luktheme.nlp.Lexicon`) of a spaCy pipeline, or None if it has none."""
    if nlp is not None and "luktheme_lexicon" in nlp.pipe_names:
        return getattr(nlp.get_pipe("luktheme_lexicon"), "lexicon", None)
    return None


def _first_words(text: str, n: int = 3) -> list[str]:
    return [w.casefold() for w in _WORD.findall(_NUMBER_LEAD.sub("", text))[:n]]


def _is_infinitive(word: str, lexicon) -> bool:
    analyses = lexicon.forms.get(word) if lexicon is not None else None
    if analyses:
        # The treebank's lemma of a verb is its infinitive ("byggja" is a Nynorsk form of "byggje").
        # The verb reading must be the form's usual one: "trygge" and "auka" are mostly adjectives
        # ("Trygge nærmiljø", "Auka del av …"), "styrke" a verb as often as a noun.
        lemmas = (word, word[:-1] + "e") if word.endswith("a") else (word,)
        verb = sum(a[2] for a in analyses if a[1] == "VERB" and a[0].lower() in lemmas)
        return verb > 0 and 2 * verb >= sum(a[2] for a in analyses)
    return word.endswith(_VERB_ENDINGS) and len(word) >= 5


def _is_verbal_noun(word: str, lexicon) -> bool:
    if not (word.endswith(_VERBAL_NOUN) and len(word) >= 6):
        return False
    analyses = lexicon.forms.get(word) if lexicon is not None else None
    return not analyses or any(a[1] == "NOUN" for a in analyses)


def opens_with_action(text: str, *, lexicon=None, running: bool = False) -> bool:
    """Whether ``text`` opens as an action does: an infinitive or a verbal noun.

    Parameters
    ----------
    text : str
    lexicon : luktheme.nlp.Lexicon, optional
        The Norwegian pipeline's word table, to tell verbs from nouns ("styrke", "kompetanse");
        without it, word endings decide.
    running : bool
        ``text`` is a sentence of running text, where a verbal noun opens an action only
        before a preposition ("Kartlegging av …", not "Tilflytting er hovudtemaet").

    Examples
    --------
    >>> import luktheme
    >>> lex = word_table(luktheme.load_nlp())
    >>> opens_with_action("Etablere eit nettverk", lexicon=lex), opens_with_action("Kartlegging av behovet", lexicon=lex)
    (True, True)
    >>> opens_with_action("Å styrkje samarbeidet", lexicon=lex), opens_with_action("Flere unge skal bo her", lexicon=lex)
    (True, False)
    """
    words = _first_words(text)
    if words and words[0] == "å":
        words = words[1:]
    if not words:
        return False
    first = words[0]
    if _is_infinitive(first, lexicon):
        return True
    if _is_verbal_noun(first, lexicon):
        return not running or (len(words) > 1 and words[1] in _ACTION_LINKS)
    return False


def _finite_verb(word: str, lexicon) -> bool:
    # A verb form that is not its lemma ("beskriver", "er"), read as the treebank mostly reads it.
    analyses = lexicon.forms.get(word) if lexicon is not None else None
    if not analyses:
        return False
    lemma, upos = max(analyses, key=lambda a: a[2])[:2]
    return upos in ("VERB", "AUX") and lemma.lower() != word


def _verb_after_modal(text: str, end: int, lexicon) -> str | None:
    # The infinitive the modal governs, past adverbials ("vil i løpet av 2026 regulere").
    for word in [w.casefold() for w in _WORD.findall(text[end - 1:])][:7]:
        if _is_infinitive(word, lexicon):
            return word
    return None


def states_goal(text: str, *, lexicon=None, running: bool = False) -> bool:
    """Whether ``text`` states a goal: a goal word, or a subject with "skal", "vil" or "ønsker å".

    The modal must belong to the main clause (see :func:`_main_modal`). With ``running`` (a
    sentence of running text) a goal word counts only in a goal statement ("har som mål", "Målet
    er …"), and the verb after the modal must be one of development or change ("styrke", "auke").

    Examples
    --------
    >>> states_goal("Kommunen har som mål å auke talet på innbyggjarar"), states_goal("Flere unge skal bo her")
    (True, True)
    >>> states_goal("Sentrum har mange tomme lokale")
    False
    """
    if (_GOAL_STATEMENT if running else _GOAL_WORD).search(text):
        return True
    m = _main_modal(text, lexicon)
    if m is None:
        return False
    # In running text a modal with a verb of change states an aim; with another verb it
    # names an undertaking, which :func:`role_of` reads as an action.
    verb = _verb_after_modal(text, m.end(), lexicon) if running else None
    return verb is None or verb in _AIM_VERBS


def _main_modal(text: str, lexicon) -> re.Match | None:
    """The subject's "skal"/"vil" of the main clause, if ``text`` has one.

    With the word table, a finite verb before the modal ("Planen beskriver korleis arbeidet skal
    gjerast") makes it part of a subordinate clause.
    """
    m = _INTENT.search(text)
    if not m:
        return None
    tokens = [t.casefold() for t in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|,", text[:m.end()])][:-2]

    def listed(i: int) -> bool:
        # A word in an enumeration ("koordinator, veileder og støttespiller") is a noun there.
        return any(0 <= j < len(tokens) and tokens[j] in (",", "og", "eller") for j in (i - 1, i + 1))

    return None if any(_finite_verb(t, lexicon) and not listed(i) for i, t in enumerate(tokens)) else m


def states_fact(text: str, *, lexicon=None) -> bool:
    """Whether ``text`` states a fact: a finite verb other than a modal among its first words.

    Examples
    --------
    >>> import luktheme
    >>> lex = word_table(luktheme.load_nlp())
    >>> states_fact("Sysselsetjinga er høg", lexicon=lex), states_fact("Fleire unge skal bu her", lexicon=lex)
    (True, False)
    """
    words = [w.casefold() for w in _WORD.findall(text)][:6]
    for word in words:
        if word in _MODALS:
            return False
        if _finite_verb(word, lexicon):
            return True
    return False


def is_context_heading(heading: str | None) -> bool:
    """Whether a heading announces context: status, background, figures, risks, the process.

    Examples
    --------
    >>> is_context_heading("Status og utfordringar"), is_context_heading("Tiltak")
    (True, False)
    """
    return bool(heading and _CONTEXT_HEADING.match(heading.strip()))


def is_goal_heading(heading: str | None) -> bool:
    """Whether a heading announces goals ("Mål", "Delmål 2.1 Levande sentrum", "Visjon").

    Examples
    --------
    >>> is_goal_heading("Delmål 2.1 Levande sentrum"), is_goal_heading("Tiltak")
    (True, False)
    """
    return bool(heading and _GOAL_HEADING.match(heading.strip()))


def role_of(text: str, kind: str, *, heading: str | None = None, action_table: bool = False,
            lexicon=None) -> str:
    """The role of one row: ``"tiltak"``, ``"mål"`` or ``"annet"``.

    Parameters
    ----------
    text : str
        The row's text (a list item without its marker, a table's measure cell, or a sentence).
    kind : {"bullet", "row", "sentence"}
    heading : str, optional
        The nearest heading above the row.
    action_table : bool
        The row is the measure cell of an action-plan table.
    lexicon : luktheme.nlp.Lexicon, optional
        The pipeline's word table (see :func:`opens_with_action`).

    Examples
    --------
    >>> role_of("Arrangere samlingar for planleggjarar", "bullet")
    'tiltak'
    >>> role_of("Levande sentrum med fleire bustader", "bullet", heading="Mål 2.1")
    'mål'
    >>> role_of("Fylkeskommunen har som mål å styrke kommunane.", "sentence")
    'mål'
    >>> role_of("Kommunen har 4 200 innbyggjarar.", "sentence")
    'annet'
    """
    if action_table:
        return "annet" if _TABLE_NOTE.search(text) else "tiltak"
    if opens_with_action(text, lexicon=lexicon, running=kind == "sentence"):
        return "tiltak"
    impersonal = _IMPERSONAL.match(text)
    if (impersonal and impersonal.group("verb").casefold() not in _EXISTENTIAL) or _IMPERSONAL_INVERTED.search(text):
        return "tiltak"
    if _LAW.match(text) or _DUTY.search(text):
        return "annet"
    if kind == "row":
        # A row of another table (figures, a list of plans) is a measure only by its form.
        return "mål" if _GOAL_WORD.search(text) else "annet"
    goal_heading = is_goal_heading(heading)
    if kind == "bullet":
        # In a list an actor's undertaking is a measure ("Fylkeskommunen vil utarbeide …"), its
        # state a goal ("Kommunen skal ha trygge oppvekstvilkår"); so is any other subject's
        # "skal" ("Flere unge skal bu her") and a goal word.
        actor = _ACTOR_INTENT.search(text)
        if actor and actor.group("verb").casefold() not in _STATE_VERBS and not _GOAL_WORD.search(text):
            return "tiltak"
        if states_goal(text, lexicon=lexicon) or goal_heading:
            return "mål"
        # A fact in list form ("Sysselsetjinga er høg", "38 prosent er over 55 år") or any item
        # under a status heading is context.
        if is_context_heading(heading) or states_fact(text, lexicon=lexicon):
            return "annet"
        return "tiltak"
    if goal_heading and not is_context_heading(heading):
        return "mål"  # running text under "Mål" or "Visjon" states the goal
    if states_goal(text, lexicon=lexicon, running=True):
        return "annet" if _PAST.search(text) else "mål"
    if _main_modal(text, lexicon) is not None and not _PAST.search(text):
        # An actor's "skal"/"vil" with a verb that is not one of change is an undertaking ("Kommunen
        # vil regulere …"); anyone else's states how things shall be ("Alle elevar skal oppleve …").
        return "tiltak" if _ACTOR_SUBJECT.match(text) else "mål"
    return "annet"
