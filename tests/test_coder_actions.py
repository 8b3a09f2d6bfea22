"""What the coder reads from a sentence's parse: actions, their source and target, and when it codes none.

Each case is a crafted sentence and the (source, target, code) triples the coder must produce; the
bundled dictionaries are used as they ship.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from transforms.coder import ArticleContext, Coder

PUBLISHED = date(2023, 3, 8)  # a Wednesday


def code_text(nlp: Language, coder: Coder, text: str, published: date = PUBLISHED) -> list[dict]:
    return coder.code(nlp(text), ArticleContext("test", published, published)).events


def triples(events: list[dict], negated: bool = False) -> set[tuple[str, str, str]]:
    return {
        (e["source_code"], e["target_code"], e["cameo_code"]) for e in events if e["is_negated"] is negated
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active, passive with its agent, coordinated sources and targets
        ("Russia attacked Ukraine on Monday.", {("RUS", "UKR", "190")}),
        ("Kharkiv was attacked by Russian troops.", {("RUSMIL", "UKR", "190")}),
        ("Germany criticised Russia and Iran.", {("DEU", "RUS", "111"), ("DEU", "IRN", "111")}),
        (
            "Ukrainian and Russian delegations held talks on Monday.",
            {("UKRGOV", "RUSGOV", "046"), ("RUSGOV", "UKRGOV", "046")},
        ),
        # particles and the preposition the pattern names
        ("Police fired tear gas at protesters in Minsk.", {("BLRCOP", "BLRCVL", "175")}),
        ("The U.N. Security Council imposed new sanctions on North Korea.", {("IGOUNO", "PRK", "163")}),
        ("Rebels attacked government troops in Mali.", {("MLIREB", "MLIMIL", "190")}),
    ],
)
def test_coder_actions_source_and_target(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object says which aid, which attack
        ("Japan sent humanitarian aid to Turkey.", ("JPN", "TUR", "073")),
        ("Germany sent tanks to Ukraine.", ("DEU", "UKR", "072")),
        ("The World Bank gave Ghana a $500 million loan.", ("IGOUNODEVWBK", "GHA", "071")),
        ("Saudi warplanes bombed Houthi positions in Yemen.", ("SAUMIL", "YEMREB", "195")),
        ("Hamas fired rockets at Israel.", ("PSEREB", "ISR", "190")),
        ("Israeli troops shelled Gaza.", ("ISRMIL", "PSE", "194")),
        ("China received loans from Japan.", ("JPN", "CHN", "071")),  # the giver is the source
    ],
)
def test_coder_actions_four_digit_codes_from_the_object(
    nlp: Language, coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(code_text(nlp, coder, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # intent: will, plans to, pledged to, agreed to
        ("Japan will send humanitarian aid to Turkey.", {("JPN", "TUR", "0333")}),
        ("Japan plans to send military aid to Ukraine.", {("JPN", "UKR", "0332")}),
        ("The United States pledged to provide economic aid to Jordan.", {("USA", "JOR", "0331")}),
        ("Germany agreed to send tanks to Ukraine.", {("DEU", "UKR", "0332")}),
        # clausal complements turn the clause into an appeal, a demand, a threat, a refusal
        ("Iran threatened to impose sanctions on Israel.", {("IRN", "ISR", "1312")}),
        ("France urged Iran to release the prisoners.", {("FRA", "IRN", "0253")}),
        ("Serbia refused to negotiate with Kosovo.", {("SRB", "XKX", "125")}),
        ("Germany said Russia must withdraw its troops from Ukraine.", {("DEU", "RUS", "1056")}),
        # an accusation codes only itself, not the act it alleges
        ("France accused Russia of attacking Ukraine.", {("FRA", "RUS", "1123")}),
        (
            "Armenia and Azerbaijan agreed to a ceasefire on Monday.",
            {("ARM", "AZE", "0871"), ("AZE", "ARM", "0871")},
        ),
    ],
)
def test_coder_actions_clausal_complements(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the accused is the target, whatever the charge refines the code to
        ("China accused Japan of aggression.", {("CHN", "JPN", "1123")}),
        ("Russia accused Ukraine of war crimes.", {("RUS", "UKR", "1124")}),
        ("Japan was accused of aggression by China.", {("CHN", "JPN", "1123")}),
        # "blamed the attack on X": the one blamed is in the "on" phrase
        ("Iran blamed the attack on Israel.", {("IRN", "ISR", "112")}),
        ("Iran blamed Israel for the attack.", {("IRN", "ISR", "1123")}),
        # what is alleged: its subject is the accused
        ("Iran alleged that Israel had attacked its ships.", {("IRN", "ISR", "1123")}),
        ("The United States alleged that Russia interfered in the election.", {("USA", "RUS", "112")}),
    ],
)
def test_coder_actions_accusation_targets(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reported speech codes what was reported, and the saying only when nothing more specific exists
        ("The Pentagon said Russian troops shelled Kharkiv.", {("RUSMIL", "UKR", "194")}),
        ("Putin said NATO would need to remain strong.", {("RUSGOV", "IGOWSTNAT", "010")}),
        ("Japan said the missile launch by North Korea was unacceptable.", {("JPN", "PRK", "111")}),
        # appositions, possessives, relative clauses
        ("Russia's defence minister Sergei Shoigu visited Serbia.", {("RUSGOV", "SRB", "042")}),
        ("The rebels who attacked the convoy were arrested by Malian police.", {("MLICOP", "MLIREB", "173")}),
        # nominal events with explicit actors
        ("The Russian invasion of Ukraine began in February.", {("RUS", "UKR", "192")}),
        ("Ukraine condemned the Russian attack on Kharkiv.", {("UKR", "RUS", "111")}),
    ],
)
def test_coder_actions_speech_phrases_and_nominals(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


def test_coder_actions_negation_is_flagged(nlp: Language, coder: Coder) -> None:
    events = code_text(nlp, coder, "Russia did not attack Ukraine.")
    assert triples(events) == set()
    assert triples(events, negated=True) == {("RUS", "UKR", "190")}
    assert all(e["confidence"] <= 0.3 for e in events)


def test_coder_actions_announced_refusal_is_a_rejection(nlp: Language, coder: Coder) -> None:
    events = code_text(nlp, coder, "Iran will not release the British sailors.")
    assert triples(events) == {("IRN", "GBRMIL", "1243")}


@pytest.mark.parametrize(
    "text",
    [
        "If Russia attacks Ukraine, NATO will respond.",  # conditional
        "Analysts said Russia could attack Ukraine.",  # speculation
        "Russia might invade Ukraine.",
        "Brazil defeated Serbia 2-0 in the World Cup on Thursday.",  # sport
        "Manchester United beat Chelsea in the Premier League final.",
        "Apple sued Samsung over patents.",  # business actors are not in the dictionaries
        "Shares of Toyota fell three percent on Tuesday.",
        "The company president said profits would rise.",
    ],
)
def test_coder_actions_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert triples(code_text(nlp, coder, text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two sport words or a score anywhere in the article: a city's name is its team, a capital's too
        (
            "Bayern Munich beat Borussia Dortmund 2-0 in the Bundesliga on Saturday.\n\n"
            "Dortmund had dominated the first half and attacked relentlessly but failed to score.",
            set(),
        ),
        (
            "Lyon drew 1-1 with Marseille in Ligue 1 on Sunday.\n\nLyon attacked relentlessly after the break.",
            set(),
        ),
        (
            "Spartak Moscow thrashed Zenit in the Europa League.\n\nMoscow attacked Zenit from the start.",
            set(),
        ),
        # without sport words a city stands for its state and a capital for its government
        ("Russian troops attacked Kharkiv on Monday.", {("RUSMIL", "UKR", "190")}),
        ("Moscow criticised Berlin on Monday.", {("RUSGOV", "DEUGOV", "111")}),
    ],
)
def test_coder_city_is_a_team_in_sport_context(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verb forms the small model lemmatises wrongly ("staged" -> "stag", "waged" -> "wag")
        ("Egyptian students staged rallies against the government in Cairo.", {("EGYEDU", "EGYGOV", "141")}),
        ("Rebels waged war on the Malian government.", {("MLIREB", "MLIGOV", "190")}),
        # a ceasefire declared unilaterally needs no partner; agreed by two, each is the other's target
        ("Hizbollah declared a unilateral cease-fire on Wednesday.", {("LBNREB", None, "0871")}),
        (
            "Israel and Hamas declared a ceasefire on Monday.",
            {("ISR", "PSEREB", "0871"), ("PSEREB", "ISR", "0871")},
        ),
        # links are relations: suspending them reduces relations, verb or noun
        ("Italy suspended air links with Yugoslavia on Wednesday.", {("ITA", "SRB", "160")}),
        ("Italy announced a suspension of air links with Yugoslavia on Wednesday.", {("ITA", "SRB", "160")}),
        # two coordinated protest verbs of one subject are one protest, coded by the first
        ("Spanish farmers blocked roads and staged protest rallies on Sunday.", {("ESPAGR", None, "144")}),
        # a protest clause giving a protest's purpose is that protest, and names its target
        (
            "Ethnic Turks began a hunger strike on Monday to protest against Sweden's decision.",
            {("TUR", "SWE", "142")},
        ),
        (
            "Egyptian students marched through Cairo to protest against the government.",
            {("EGYEDU", "EGYGOV", "141")},
        ),
    ],
)
def test_coder_protest_and_relations_patterns(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest for a demand codes the protest with the demand's kind, once (1412: for policy change)
        (
            "Indonesian students staged mass demonstrations on Saturday to demand political reforms from the "
            "government.",
            {("IDNEDU", "IDNGOV", "1412")},
        ),
        ("Egyptian students demanded reforms from the government.", {("EGYEDU", "EGYGOV", "1042")}),
        # pressing someone to do something is a demand, not an appeal (1052: demand that protest end)
        (
            "Iranian authorities pressured striking workers to cancel the strike.",
            {("IRNGOV", "IRNLAB", "1052")},
        ),
    ],
)
def test_coder_demands_and_protests_for_demands(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # youths are civilians, shops and stores are business: riots and their policing name both sides
        ("Masked youths threw petrol bombs at shops in central Athens on Saturday.", {("GRCCVL", "GRCBUS", "145")}),
        ("Turkish police fired tear gas at youths in Istanbul.", {("TURCOP", "TURCVL", "175")}),
        # schoolchildren are education, not bare nationals
        (
            "Twelve Nigerian schoolboys were abducted by Boko Haram fighters last week.",
            {("NGAREB", "NGAEDU", "181")},
        ),
        # a body that passes sanctions imposes them
        ("The European Union passed new sanctions on Belarus on Monday.", {("IGOEUREEC", "BLR", "163")}),
    ],
)
def test_coder_civilian_roles_and_passed_sanctions(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "calling for X to resign": the subject of the "for ... to" clause is the one appealed to
        ("Protesters have been calling for Prime Minister Viktor Orban to resign.", {("HUNCVL", "HUNGOV", "0241")}),
        # consultations are talks: requesting them is 026
        ("Serbia requested consultations with the European Union.", {("SRB", "IGOEUREEC", "026")}),
        # reacting with fury is criticism
        ("Kenyans reacted with fury to a report by the electoral commission.", {("KEN", None, "111")}),
        # threatening a resumption of air raids threatens force
        ("A Syrian army spokesman threatened a resumption of air raids on Turkish towns.", {("SYRMIL", "TUR", "138")}),
    ],
)
def test_coder_appeal_targets_and_verbal_conflict(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative pronoun stands for its antecedent: a thing judged is still a judgement
        ("It was a provocation which was immediately condemned by Japan on Tuesday.", {("JPN", None, "111")}),
        ("Seoul called it a test that was denounced by Australia.", {("AUS", None, "111")}),
    ],
)
def test_coder_relative_clause_passive_judgement(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # peacekeepers arriving in a country are deployed there (074), unlike a leader's visit (042)
        ("Austrian peacekeepers arrived in Lebanon on Monday.", {("AUTPKO", "LBN", "074")}),
        ("The Austrian chancellor arrived in Lebanon on Monday.", {("AUTGOV", "LBN", "042")}),
        # a bomb attack that wounds is a bombing (183), not a plain attack
        (
            "Basque separatists wounded two Spanish policemen in a bomb attack on Thursday.",
            {("ESPSEP", "ESPCOP", "183")},
        ),
        # democratic reforms change the institutions (1044); plain reforms are policy (1042)
        (
            "Thousands of Chinese students demanded democratic reforms from the government.",
            {("CHNEDU", "CHNGOV", "1044")},
        ),
        # "..., saying he must resign" is what the rally was for: one protest for a change of leader
        (
            "Hundreds of Ukrainians rallied in Kyiv against President Viktor Yanukovych, saying he must resign.",
            {("UKRCVL", "UKRELI", "1411")},
        ),
    ],
)
def test_coder_deployments_bombings_and_protest_demands(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "8 Somali and 3 Yemeni nationals": the elliptical first conjunct shares the noun, so people are seized
        (
            "Kenyan commandos seized 8 Somali and 3 Yemeni nationals on the dhow.",
            {("KENMIL", "SOM", "173"), ("KENMIL", "YEM", "173")},
        ),
    ],
)
def test_coder_elliptical_object_shares_its_conjuncts_noun(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # expelled diplomats name the government they serve
        ("Poland expelled three Belarusian diplomats on Tuesday.", {("POL", "BLRGOV", "161")}),
        # rescue teams are humanitarian aid
        ("Germany flew rescue teams to Antakya.", {("DEU", "TUR", "073")}),
        # "the northern city of Aleppo" stands for Aleppo, not for a city of the article's country
        ("Jordan sent a convoy of food aid to the northern city of Aleppo.", {("JOR", "SYR", "073")}),
    ],
)
def test_coder_expulsions_rescue_teams_and_named_cities(
    nlp: Language, coder: Coder, text: str, expected: set
) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a Chinese-drafted resolution": the author of what is vetoed or rejected is the target
        ("Britain vetoed a Chinese-drafted resolution on Tuesday.", {("GBR", "CHN", "129")}),
        ("Israel rejected an Egyptian-brokered proposal.", {("ISR", "EGY", "120")}),
    ],
)
def test_coder_author_of_rejected_object_is_target(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # drills held around or near a country show force to it, whatever their adjective
        ("Russia held large-scale exercises near the Finnish border.", {("RUS", "FIN", "150")}),
        # drills near no one are no event
        ("Japanese schools held earthquake drills on Monday.", set()),
    ],
)
def test_coder_drills_near_a_country_show_force(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the condition of an "unless" clause has not happened: no 083 from Nairobi meeting the demands
        (
            "Kenyan doctors will not end their strike unless their demands are met by Nairobi.",
            {("KENHLH", None, "1242")},
        ),
        # a threat is conditional by nature: "threatened to secede unless ..." is still a threat, aimed at
        # the one whose act the condition names
        (
            "The Chechen parliament threatened to secede from Russia unless the Kremlin withdrew its troops.",
            {("RUSLEG", "RUSGOV", "130")},
        ),
    ],
)
def test_coder_unless_conditions_are_not_events(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest outside a place no dictionary names is still a protest, with no target
        ("Thousands of Georgians rallied outside the city hall in Tbilisi on Sunday.", {("GEOCVL", None, "141")}),
        # one that names whose building it is keeps that target
        ("Hundreds of Kenyans protested outside the Ugandan embassy in Nairobi.", {("KENCVL", "UGAGOV", "141")}),
    ],
)
def test_coder_protest_outside_unnamed_place(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vehicle driven into people or a building is an attack (a suicide bomber's is a suicide bombing)
        (
            "Hamas militants rammed a car into Israeli soldiers at a checkpoint.",
            {("PSEREB", "ISRMIL", "180")},
        ),
        # resisting pressure is refusing to yield; defending a measure justifies it
        (
            "The Israeli government has resisted pressure from Washington to halt settlement building.",
            {("ISRGOV", "USAGOV", "124")},
        ),
        ("The British prime minister defended the Brexit bill in parliament.", {("GBRGOV", None, "052")}),
        # a report sent to someone shares information
        ("Russia sent a report on the incident to the United Nations.", {("RUS", "IGOUNO", "064")}),
        # what the report is about, with an actor of its own, is an event of its own
        (
            "President Macron sent a report to the United Nations on his plan to protect Lebanese ships.",
            {("FRAGOV", "IGOUNO", "064"), ("FRAGOV", "LBN", "0334")},
        ),
        # handing back territory returns property; announced, it is the intent to
        ("Portugal will hand back Macao to China in 1999.", {("PRT", "CHN", "0353")}),
        ("Putin greeted Erdogan at the Kremlin.", {("RUSGOV", "TURGOV", "043")}),
        ("Japan will send an envoy to Seoul.", {("JPN", "KORGOV", "036")}),
        ("Tony Blair paid tribute to Nelson Mandela.", {("GBRELI", "ZAFELI", "051")}),
        # looking into a cause is investigating it; into a policy option (@OPTION), considering it
        ("Japanese investigators are looking into the cause of the crash.", {("JPN", None, "090")}),
        ("The Japanese government is looking into new sanctions on North Korea.", {("JPNGOV", None, "014")}),
        # policy acts are events as a stated plan (034x)
        ("The British government pledged to cut taxes.", {("GBRGOV", None, "0342")}),
        ("The British government will abolish the Food Standards Agency.", {("GBRGOV", None, "0344")}),
    ],
)
def test_coder_actions_verb_patterns(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A driver crashed his car into a wall in Paris.",  # an accident
        "The bus crashed into a truck near Lyon.",
        "Putin greeted the crowd in Red Square.",
        "The British government cut taxes last year.",  # a policy act done is no event between actors
        "The Kenyan government introduced rules which would raise taxes on imports.",  # what a rule does
    ],
)
def test_coder_actions_verb_patterns_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert code_text(nlp, coder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive that names no agent: the actor of the act it happened in
        ("Twenty Indian soldiers were killed in a clash with Chinese troops.", {("CHNMIL", "INDMIL", "190")}),
        ("Two Nigerian policemen were killed in an attack by Boko Haram.", {("NGAREB", "NGACOP", "190")}),
        ("Five people were killed in Israeli air strikes on Gaza.", {("ISR", "PSECVL", "195")}),
        # an arrest is made by the police: the ones the sentence names, else those of the place
        ("Two Kurdish activists were arrested in Istanbul.", {("TURCOP", "TURCVL", "173")}),
        ("Local police said at least one Afghan suspect had been arrested.", {("AFGCOP", "AFG", "173")}),
        # people no dictionary names, acted on by force, are civilians of the country
        ("Police in London arrested a 42-year-old man.", {("GBRCOP", "GBRCVL", "173")}),
    ],
)
def test_coder_actions_agentless_passives(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The journalist was killed in a car accident.",  # an accident has no agent to find
        "Three men were arrested.",  # no country: no one to code
    ],
)
def test_coder_actions_agentless_passives_no_event(nlp: Language, coder: Coder, text: str) -> None:
    assert code_text(nlp, coder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # force at a border is aimed at the country across it
        ("Russia massed troops on its border with Ukraine.", {("RUS", "UKR", "154")}),
        ("Russia deployed troops along the border with Ukraine.", {("RUS", "UKR", "154")}),
        ("Russia massed troops on the Ukrainian border.", {("RUS", "UKR", "154")}),
        # yielding in the face of someone's opposition is yielding to them
        (
            "The Polish government has backed down from some proposed price rises in the face of strong "
            "opposition from trade unions.",
            {("POLGOV", "POLLAB", "080")},
        ),
    ],
)
def test_coder_actions_targets_in_phrases(nlp: Language, coder: Coder, text: str, expected: set) -> None:
    assert triples(code_text(nlp, coder, text)) == expected


def test_coder_actions_amount_of_an_act(nlp: Language, coder: Coder) -> None:
    # an amount's "in"/"of" phrase is what the plan is of
    text = "The United States announced plans for 300 million dollars in tariffs on Japanese goods."
    assert triples(code_text(nlp, coder, text)) == {("USA", "JPN", "163")}
