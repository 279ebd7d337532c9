"""The five themes, in their fixed order, and the checks that keep labels inside them.

The order of :data:`THEMES` is the column order of every score matrix, every
label matrix and every output table in the project; it never comes from data.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import LabelError

THEMES: tuple[str, ...] = (
    "bolyst",
    "planstrategi",
    "stedsutvikling",
    "kompetanseheving",
    "statistikk",
)

#: One-line definitions, shown in reports, the labeling screen and model cards.
DEFINITIONS: dict[str, str] = {
    "bolyst": "making a place attractive to live in, move to and stay in",
    "planstrategi": "formal planning under the Planning and Building Act and the work around it",
    "stedsutvikling": "physical and functional development of particular places",
    "kompetanseheving": "building the knowledge and capacity of people and organisations",
    "statistikk": "producing, compiling or using numbers, analyses and knowledge bases about society",
}

#: The same five colours everywhere in the project (plots, HTML views).
COLOURS: dict[str, str] = {
    "bolyst": "#d95f02",
    "planstrategi": "#1b9e77",
    "stedsutvikling": "#7570b3",
    "kompetanseheving": "#e7298a",
    "statistikk": "#66a61e",
}


def check_themes(labels: Iterable[str], *, where: str = "labels") -> tuple[str, ...]:
    """Validate theme slugs and return them as a tuple in :data:`THEMES` order.

    Parameters
    ----------
    labels : iterable of str
        Theme slugs, in any order, without duplicates.
    where : str
        Where the labels come from (a file and line), named in the error.

    Returns
    -------
    tuple of str
        The same themes, ordered as in :data:`THEMES`.

    Raises
    ------
    LabelError
        If ``labels`` is a bare string, holds a non-string, or names an unknown theme.

    Examples
    --------
    >>> check_themes(["statistikk", "bolyst"])
    ('bolyst', 'statistikk')
    """
    if isinstance(labels, str):
        raise LabelError(
            f"{where}: a list of theme slugs was expected, got the string {labels!r}. "
            f"Write it as [{labels!r}]."
        )
    found = set()
    for label in labels:
        if label not in THEMES:
            raise LabelError(
                f"{where}: unknown theme {label!r}. Valid themes: {', '.join(THEMES)}. "
                "Correct the label against data/CODEBOOK.md."
            )
        found.add(label)
    return tuple(t for t in THEMES if t in found)


#: Word stems that signal a theme, in Bokmål and Nynorsk spellings. They are
#: domain knowledge from the spec, used as *features* whose weights are learned
#: from the hand-labeled rows; they never assign labels. Stems are matched
#: inside words, so compounds ("stedsutviklingsprosjekt") hit too.
CUES: dict[str, tuple[str, ...]] = {
    "bolyst": (
        "bolyst", "blilyst", "tilflytt", "innflytt", "fraflytt", "utflytt", "hjemflytt", "heimflytt",
        "flytte hjem", "flytte heim", "flytter til", "flyttar til", "bosetting", "busetjing", "busetting",
        "folketall", "folketal", "innbyggertall", "innbyggjartal", "befolkningsvekst", "trivsel",
        "identitet", "omdømme", "omdøme", "image", "merkevare", "attraktiv", "bli boende", "bli buande",
        "stolthet", "stoltheit", "velkomst", "vertskap", "blilyst", "bygdeliv", "lokal stolt",
    ),
    "planstrategi": (
        "planstrateg", "kommuneplan", "samfunnsdel", "arealdel", "regional plan", "regionalplan",
        "planforum", "plankontor", "planarbeid", "planlegging", "plansamarbeid", "planressurs",
        "plangrunnlag", "planprogram", "reguleringsplan", "regulering", "områdeplan", "kommunedelplan",
        "arealplan", "planbehov", "planlegger", "planleggar", "planfagl", "plan- og bygning",
        "plan og bygning", "planprosess", "planverk", "planstrategiar",
    ),
    "stedsutvikling": (
        "stedsutvikl", "stadutvikl", "stadsutvikl", "tettsted", "tettstad", "sentrum", "byrom", "møteplass",
        "stedsanalyse", "stadanalyse", "lokalsenter", "lokalsentr", "regionsenter", "arkitekt", "byggeskikk",
        "trebyer", "trebyane", "bygningsvern", "universell utforming", "sti ", "stier", "stiar", "løype",
        "skilting", "torg", "park", "gatetun", "sentrumsgat", "fasade", "fortetting", "tursti", "turveg",
        "turvei", "lekeplass", "leikeplass", "uterom", "bymiljø", "grøntområd", "grøntstruktur",
        "grønstruktur", "byutvikl", "bygdesenter", "kulturmiljø", "badeplass", "strandpromenade",
    ),
    "kompetanseheving": (
        "kompetanse", "kurs", "opplæring", "seminar", "fagdag", "studium", "samling", "nettverk",
        "erfaringsutveks", "erfaringsdeling", "erfaringslæring", "veiledning", "veilede", "rettleiing",
        "rettleie", "skolering", "trainee", "workshop", "webinar", "studietur", "mentor", "videreutdann",
        "vidareutdann", "etterutdann", "læring", "lærande", "lærende", "fagsamling", "dyktiggj",
        "kunnskapsdeling", "prosessveiled", "prosessrettlei", "hospiter", "kursrekke", "lære",
    ),
    "statistikk": (
        "statistikk", "analyse", "kunnskapsgrunnlag", "grunnlagsmateriale", "plangrunnlag",
        "undersøkelse", "undersøking", "undersøke", "utredning", "utgreiing", "utgreie", "utrede",
        "kartlegg", "utviklingstrekk", "framtidsstudie", "fremtidsstudie", "indikator", "framskriving",
        "fremskriving", "spørreundersøk", "spørjeundersøk", "prognose", "levekår", "tallgrunnlag",
        "talgrunnlag", "datagrunnlag", "nøkkeltall", "nøkkeltal", "oversikt over", "dokumentasjon",
        "mulighetsstudie", "moglegheitsstudie", "befolkningsutvikling", "statistisk",
    ),
}

#: Words that look like a cue but point away from the theme ("kompetanseplan" is
#: not planstrategi, a "møteplass" on a road is not stedsutvikling). Also features.
NEAR_MISSES: tuple[str, ...] = (
    "kompetanseplan", "prosjektplan", "handlingsplan", "festival", "arrangement", "konsert",
    "kontaktperson", "koordiner", "samordn", "vegvesen", "rasteplass", "ferje", "fylkesveg", "fylkesvei",
    "næringsutvikl", "bedrift", "verksemd", "virksomhet", "innovasjon", "budsjett", "økonomiplan",
    "tilskudd", "tilskot", "finansier", "evaluer", "rapporter", "helse", "omsorg", "vann og avløp",
)
