"""One sentence: its triggers, each coded as a candidate event (code, sources, targets), then written
as rows.

    triggers -> clauses -> for each trigger that is an event of its own:
        mode and code -> negation -> sources -> targets (or no event) -> candidate
    -> protests merged with their demands -> records
"""

from __future__ import annotations

from spacy.tokens import Span

from transforms.actors import Actor
from transforms.cameo import is_force, is_statement, is_violent
from transforms.coder.anaphora import note_speakers
from transforms.coder.clauses import Clauses, is_own_event
from transforms.coder.codes import force_in_words, launch_code, merge_protest_demands, negation, trigger_code
from transforms.coder.lexicon import Lexicon
from transforms.coder.mode import GOVERNING_MODES, clause_mode
from transforms.coder.model import ArticleState, Candidate, Trigger
from transforms.coder.no_target import NO_TARGET_RULES, empty_warning
from transforms.coder.parse import act_lemma
from transforms.coder.quotes import note_quote, quote_judgements, quote_marks, quoted_speakers
from transforms.coder.records import records
from transforms.coder.setting import note_violence_day
from transforms.coder.slots import say_targets, unnamed_people
from transforms.coder.sources import sources
from transforms.coder.speech import JUDGED, statement_judgements
from transforms.coder.targets import TargetSearch, find_targets, place_target
from transforms.coder.triggers import find_triggers
from transforms.dates import DateMention


def code_sentence(
    lex: Lexicon, sent: Span, index: int, dates: list[DateMention], state: ArticleState
) -> list[dict]:
    """The EVENTS rows of one sentence."""
    triggers = find_triggers(lex, sent)
    says = [t for t in triggers if t.pattern.mode == "say"]
    quoted = quoted_speakers(sent, state) if not says else []
    if not triggers and not quoted:
        note_speakers(lex, sent, state)
        note_quote(sent, [], state)
        return []
    clauses = Clauses.of(triggers, sent)
    candidates: list[Candidate] = []
    statements: list[Candidate] = []  # bare "X said", kept only when nothing else is coded
    for trigger in triggers:
        if not is_own_event(lex, trigger, clauses, sent):
            continue
        if is_violent(trigger.pattern.code) and trigger.noun is None:
            note_violence_day(trigger.token, sent, dates, state)
        for candidate in code_trigger(lex, trigger, clauses, sent, state):
            for word in {trigger.token, *([trigger.noun] if trigger.noun is not None else [])}:
                state.acts.append((word.i, act_lemma(word), candidate.sources))
            mode = clause_mode(lex, trigger, clauses.complement(trigger))
            if mode == "say" and is_statement(candidate.code):
                statements.append(candidate)
            else:
                candidates.append(candidate)
    if not candidates and quoted:
        candidates = _quoted(lex, sent, quoted, set(clauses.by_token), state)
    if not candidates:
        candidates = statements[:1]
    candidates = merge_protest_demands(candidates)
    note_speakers(lex, sent, state)
    rows = [row for candidate in candidates for row in records(lex, candidate, sent, index, dates, state)]
    note_quote(sent, _speakers_quoted(lex, says, sent, state) or quoted, state)
    return rows


def code_trigger(
    lex: Lexicon, trigger: Trigger, clauses: Clauses, sent: Span, state: ArticleState
) -> list[Candidate]:
    """The events a trigger codes: one, or none, or for a saying one per judgement it makes."""
    pattern = trigger.pattern
    complement = clauses.complement(trigger)
    mode = clause_mode(lex, trigger, complement)
    code = trigger_code(lex, trigger, mode, complement, clauses)
    words = list(trigger.words)
    if mode in GOVERNING_MODES and complement is not None:
        words.extend(complement.words)
    code, negated = negation(lex, trigger, code)
    actors = sources(lex, trigger, sent, state)
    if not actors:
        return []
    if mode == "say":
        return _statement(lex, trigger, clauses, code, actors, negated, words, sent, state)
    search = TargetSearch(lex, trigger, code, mode, complement, clauses, sent, state, actors)
    if empty_warning(search):
        return []
    targets, slot_seen = find_targets(search)
    if not targets and any(rule(search, slot_seen) for rule in NO_TARGET_RULES):
        return []
    if pattern.reverse:
        if not targets:
            return []
        actors, targets = targets, actors  # "China received loans from Japan"
    if not targets:
        targets = place_target(search)
    unnamed = False
    if not targets and is_force(code):
        targets = unnamed_people(lex, trigger)
        unnamed = bool(targets)
    code = launch_code(lex, trigger, code, targets)
    code = force_in_words(lex, trigger, code, actors, targets)
    confidence = 0.8 if pattern.specificity else 0.7
    if negated:
        confidence = min(confidence, 0.3)
    return [Candidate(trigger, code, actors, targets, negated, confidence, words, unnamed)]


def _speakers_quoted(lex: Lexicon, says: list[Trigger], sent: Span, state: ArticleState) -> list[Actor]:
    """Who the sentence's quote is by: the subject of its saying, when it has a quote."""
    if not quote_marks(sent):
        return []
    return next((actors for actors in (sources(lex, t, sent, state) for t in says) if actors), [])


def _quoted(
    lex: Lexicon, sent: Span, speakers: list[Actor], triggers: set[int], state: ArticleState
) -> list[Candidate]:
    """A sentence that carries on an earlier sentence's quote: its judgements are the speaker's."""
    trigger = Trigger(sent.root, JUDGED, [sent.root])
    return [
        Candidate(trigger, code, speakers, targets, False, 0.5, [sent.root])
        for code, targets in quote_judgements(lex, sent, speakers, state, triggers)
    ]


def _statement(
    lex: Lexicon,
    trigger: Trigger,
    clauses: Clauses,
    code: str,
    speakers: list[Actor],
    negated: bool,
    words: list,
    sent: Span,
    state: ArticleState,
) -> list[Candidate]:
    """A saying: the judgements or plans in what is said ("said the launch was unacceptable", "said Blair
    has failed"), else a statement to or about someone named."""
    judged = statement_judgements(lex, trigger.token, speakers, sent, state, set(clauses.by_token))
    if judged:
        return [Candidate(trigger, c, speakers, targets, negated, 0.6, words) for c, targets in judged]
    targets = say_targets(lex, trigger, sent, state, speakers)
    if not targets:
        return []
    return [Candidate(trigger, code, speakers, targets, negated, 0.5, words)]
