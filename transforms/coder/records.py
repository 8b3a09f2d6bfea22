"""Records: a coded candidate as rows of the EVENTS table, one per source and target pair, and the
article's rows with the same event told in several sentences merged into one (`num_mentions`)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from spacy.tokens import Span

from transforms.actors import Actor
from transforms.cameo import is_material_conflict, is_statement, is_violent, lookup
from transforms.coder.codes import refine_by_actor
from transforms.coder.lexicon import Lexicon
from transforms.coder.model import ArticleState, Candidate
from transforms.coder.setting import (
    RECENT_DAYS,
    action_place,
    armed_individual,
    attack_scene,
    event_date,
    fill_country,
    perpetrator_place,
    violence_date,
)
from transforms.dates import PRECISIONS, DateMention

# The coder and dictionaries that produced a row (the `coder_version` column); bumped when output changes.
CODER_VERSION = "0.8.1"
NON_STATE = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
REFLEXIVES = frozenset({"itself", "himself", "herself", "themselves", "themself", "ourselves", "myself"})
POLITICAL_ROLES = frozenset(
    {"", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "REB", "SEP", "INS", "PTY", "ELI", "UAF"}
)


def records(
    lex: Lexicon, candidate: Candidate, sent: Span, index: int, dates: list[DateMention], state: ArticleState
) -> list[dict]:
    """The EVENTS rows of a candidate (without ingest_date): its actors given their countries, its date
    and place, one row per source and target."""
    trigger = candidate.trigger
    pattern = trigger.pattern
    pairs: list[tuple[Actor, Actor | None]] = []
    place = action_place(lex, sent, candidate, state)
    violent = is_violent(candidate.code)
    if violent:
        place = attack_scene(candidate.sources, sent, place, state)
    material = is_material_conflict(candidate.code)
    doer_place = perpetrator_place(lex, sent, place, state)
    sources = [
        fill_country(a, candidate.sources, candidate.targets, doer_place, state, material) for a in candidate.sources
    ]
    if violent:
        sources = [armed_individual(a, doer_place, state) for a in sources]
    targets = [fill_country(a, candidate.targets, sources, place, state, material) for a in candidate.targets]
    if candidate.unnamed:
        targets = [t for t in targets if not _bare_role(t)]  # "shot a man": the act stands, with no target
    if not targets and pattern.symmetric and len(sources) >= 2:
        pairs = [(a, b) for a in sources for b in sources if a is not b and not same_entity(a, b)]
    else:
        pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or not same_entity(s, t)]
    day, date_source, date_precision = violence_date(
        candidate.code, event_date(trigger.token, sent, dates, state), state
    )
    words = sorted({t.i: t for t in candidate.words}.values(), key=lambda t: t.i)
    trigger_text = " ".join(t.text for t in words)
    rows = []
    for source, target in pairs:
        if _bare_role(source) or (target is not None and _bare_role(target)):
            continue  # "the company president", "officials": no country, no event worth a row
        code = refine_by_actor(lex, candidate.code, source)
        if is_statement(code) and not (
            _political(source)
            and target is not None
            and _political(target)
            and target.country != source.country
        ):
            continue  # what businesses and bystanders said, or a government said at home, is no event
        target_code = target.code if target else ""
        confidence = candidate.confidence
        if pattern.targets and target is None:
            confidence -= 0.1
        identity = [state.ctx.article_id, str(index), source.code, target_code, code, str(trigger.token.i)]
        rows.append(
            {
                "event_id": hashlib.sha1("\x1f".join(identity).encode("utf-8")).hexdigest(),
                "article_id": state.ctx.article_id,
                "sentence_index": index,
                "sentence": sent.text.strip(),
                "event_date": day,
                "date_source": date_source,
                "date_precision": date_precision,
                **_actor_columns("source", source),
                **_actor_columns("target", target),
                **code_columns(code),
                "trigger": trigger_text,
                "is_negated": candidate.negated,
                "confidence": round(max(0.05, min(1.0, confidence)), 2),
                "num_mentions": 1,
                "action_geo_name": place.name if place else None,
                "action_geo_country": place.country if place else None,
                "action_geo_lat": place.lat if place else None,
                "action_geo_lon": place.lon if place else None,
                "coder_version": CODER_VERSION,
            }
        )
    return rows


class ArticleEvents:
    """The rows of an article, one per happening: mentions of one event in several sentences are one row
    (the first mention's, with `num_mentions` the number of sentences).

    Two rows are one happening when they agree in negation and CAMEO root, their sources agree and their
    targets agree (the same code, or one the other's refinement: PRK and PRKGOV, DEU and DEUCVL; no target
    agrees only with no target), and their dates do not contradict each other (equal, periods that overlap:
    "in September" and "September 3", or one of them only the article's date and the other recent). The
    merged row keeps the most specific code ("195" over "190"), the most refined actors and the most exact
    date, the first mention's of that precision."""

    def __init__(self) -> None:
        self._rows: list[dict] = []
        self._sentences: list[set[int]] = []

    def add(self, rows: list[dict], sentence_index: int) -> None:
        for row in rows:
            for kept, sentences in zip(self._rows, self._sentences, strict=True):
                if _same_happening(kept, row):
                    _absorb(kept, row)
                    sentences.add(sentence_index)
                    kept["num_mentions"] = len(sentences)
                    break
            else:
                self._rows.append(row)
                self._sentences.append({sentence_index})

    def rows(self) -> list[dict]:
        return list(self._rows)


def _same_happening(kept: dict, row: dict) -> bool:
    return (
        kept["is_negated"] == row["is_negated"]
        and kept["cameo_root"] == row["cameo_root"]
        and _same_actor(kept["source_code"], row["source_code"])
        and _same_actor(kept["target_code"], row["target_code"])
        and _dates_agree(kept, row)
    )


def _dates_agree(kept: dict, row: dict) -> bool:
    if kept["event_date"] == row["event_date"]:
        return True
    first, second = _period(kept), _period(row)
    if "article" in (kept["date_precision"], row["date_precision"]):
        article, stated = (first, second) if kept["date_precision"] == "article" else (second, first)
        return stated[1] >= article[0] - timedelta(days=RECENT_DAYS)
    return first[0] <= second[1] and second[0] <= first[1]


def _period(row: dict) -> tuple[date, date]:
    """The first and last day of the period a row's date stands for (a single day when exact)."""
    day, precision = row["event_date"], row["date_precision"]
    if precision == "week":
        return day, day + timedelta(days=6)
    if precision == "month":
        return day, (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if precision == "year":
        return day, date(day.year, 12, 31)
    return day, day


def _same_actor(first: str | None, second: str | None) -> bool:
    """One actor code, or one the refinement of the other (a country and its government: PRK, PRKGOV).
    No actor (NULL) agrees only with no actor."""
    if first == second:
        return True
    if first is None or second is None:
        return False
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


def _specificity(code: str) -> int:
    """How specific a CAMEO code is: a 4-digit code over a 3-digit one over the root's generic X0 code."""
    return len(code) * 2 + (0 if len(code) == 3 and code.endswith("0") else 1)


def _absorb(kept: dict, row: dict) -> None:
    """Fold a later mention into the kept row: a more specific code, more refined actors, a more exact date."""
    if _specificity(row["cameo_code"]) > _specificity(kept["cameo_code"]):
        kept.update(code_columns(row["cameo_code"]))
    for prefix in ("source", "target"):
        if len(row[f"{prefix}_code"] or "") > len(kept[f"{prefix}_code"] or ""):
            kept.update({k: v for k, v in row.items() if k.startswith(f"{prefix}_")})
    if PRECISIONS.index(row["date_precision"]) < PRECISIONS.index(kept["date_precision"]):
        kept.update(
            event_date=row["event_date"], date_source=row["date_source"], date_precision=row["date_precision"]
        )


def same_entity(source: Actor, target: Actor) -> bool:
    """Whether an event's two sides are one actor, so no event between them: the same code and not two
    different named people or groups ("Tony Blair dismissed Gordon Brown's Budget" and "Kennedy
    dismissed the Conservatives" are events; "the government" and "Downing Street" are one actor), or a
    reflexive target ("committed itself")."""
    if target.text.lower() in REFLEXIVES:
        return True
    if source.code != target.code:
        return False
    named = ("person", "group")
    return source.name == target.name or not (source.kind in named and target.kind in named)


def _bare_role(actor: Actor) -> bool:
    return not actor.country and actor.kind in ("role", "person") and not actor.code.startswith(NON_STATE)


def _political(actor: Actor) -> bool:
    return actor.kind in ("igo", "ngo", "group") or (bool(actor.country) and actor.role in POLITICAL_ROLES)


def code_columns(code: str) -> dict[str, str | float | int]:
    """A row's CAMEO columns: the code, its base and root, and the CAMEO table's label, quad class and
    Goldstein score."""
    info = lookup(code)
    return {
        "cameo_code": code,
        "cameo_base": code[:3],
        "cameo_root": code[:2],
        "cameo_label": info.label,
        "quad_class": info.quad_class,
        "goldstein": info.goldstein,
    }


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, str | None]:
    if actor is None:  # no target: NULL, not "" (events v2), so `target_code IS NULL` finds these events
        return {f"{prefix}_{k}": None for k in ("code", "name", "text", "country", "role", "kind")}
    return {
        f"{prefix}_code": actor.code,
        f"{prefix}_name": actor.name,
        f"{prefix}_text": actor.text,
        f"{prefix}_country": actor.country,
        f"{prefix}_role": actor.role,
        f"{prefix}_kind": actor.kind,
    }
