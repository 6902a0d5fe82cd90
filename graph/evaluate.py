"""Score predicted facts against the hand-checked gold of ``/corpus``.

Plain functions over data: :func:`load_gold` reads a folder of gold files,
:func:`score` compares predictions (``Fact.as_dict()`` mappings, keyed by
document id) with them under the corpus README's rules, and
:func:`format_table`, :func:`scores_to_json` and :func:`calibration` report
the result. :func:`evaluate` runs an extractor over a gold folder and scores it.

>>> gold = [GoldDocument("doc", None, None, None, "Microsoft and VMware team up.",
...     [GoldRelation(("Microsoft",), "partnersWith", ("VMware", "VMware Inc"), "confirmed")], None)]
>>> predicted = {"doc": [{"subject": "VMware, Inc.", "predicate": "partnersWith",
...     "object": "microsoft", "certainty": "confirmed", "confidence": 0.9}]}
>>> s = score(predicted, gold)
>>> s.micro.tp, s.micro.fp, s.micro.fn, s.micro.f1, s.certainty_accuracy
(1, 0, 0, 1.0, 1.0)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .exceptions import InputError
from .identity import normalize_name
from .vocabulary import RELATIONS

__all__ = [
    "GoldRelation",
    "GoldDocument",
    "PredicateScore",
    "Judgement",
    "Scores",
    "CalibrationRow",
    "GOLD_CERTAINTIES",
    "SYMMETRIC_PREDICATES",
    "DEFAULT_BINS",
    "load_gold",
    "score",
    "calibration",
    "format_table",
    "scores_to_json",
    "evaluate",
]

#: Certainty values a gold relation may carry; ``any`` accepts either answer.
GOLD_CERTAINTIES = ("confirmed", "reported", "any")

#: Predicates whose facts match in either direction.
SYMMETRIC_PREDICATES = frozenset(name for name, rel in RELATIONS.items() if rel.symmetric)

#: Default confidence bin edges for :func:`calibration`.
DEFAULT_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0)

_REQUIRED_PREDICTION_KEYS = ("subject", "predicate", "object", "certainty", "confidence")
_PLACE_PREDICATE = "locatedIn"


class GoldRelation(NamedTuple):
    """One annotated fact: acceptable names for each end (fullest first), and how to score it."""

    subject: tuple[str, ...]
    predicate: str
    object: tuple[str, ...]
    certainty: str = "confirmed"
    optional: bool = False
    also: tuple[str, ...] = ()
    evidence: str = ""


class GoldDocument(NamedTuple):
    """One gold file: the text and its relations.

    ``scored_predicates`` is ``None`` when every predicate is scored.
    """

    id: str
    title: str | None
    url: str | None
    date: str | None
    text: str
    relations: list[GoldRelation]
    scored_predicates: frozenset[str] | None = None


class PredicateScore(NamedTuple):
    """Counts and rates for one predicate (or the micro average over all).

    ``gold`` counts required gold relations; true positives and false
    negatives are counted under the gold relation's predicate, false
    positives under the predicted predicate.
    """

    gold: int
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class Judgement(NamedTuple):
    """A scored prediction's confidence and whether it matched a required gold relation."""

    document: str
    confidence: float
    correct: bool


class Scores(NamedTuple):
    """Everything :func:`score` measures.

    ``false_positives`` maps a document id to the predictions (as given) that
    matched nothing; ``false_negatives`` to the required gold relations that
    no prediction matched. ``judgements`` holds one entry per scored
    prediction (after de-duplication; predictions that only matched an
    optional gold relation are not scored).
    """

    per_predicate: dict[str, PredicateScore]
    micro: PredicateScore
    certainty_correct: int
    certainty_total: int
    certainty_accuracy: float
    false_positives: dict[str, list[dict]]
    false_negatives: dict[str, list[GoldRelation]]
    judgements: list[Judgement]
    documents: int


class CalibrationRow(NamedTuple):
    """One confidence bin: ``low <= confidence < high`` (the last bin includes ``high``)."""

    low: float
    high: float
    count: int
    correct: int
    share_correct: float


# --------------------------------------------------------------------------- loading


def _names(value: Any, *, where: str, field: str) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else value
    if (
        not isinstance(names, (list, tuple))
        or not names
        or not all(isinstance(n, str) and n.strip() for n in names)
    ):
        raise InputError(f"{where}: {field} must be a name or a non-empty list of names, got {value!r}")
    return tuple(names)


def _gold_relation(raw: Any, *, where: str) -> GoldRelation:
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: a relation must be an object, got {raw!r}")
    for key in ("subject", "predicate", "object"):
        if key not in raw:
            raise InputError(f"{where}: missing {key!r}")
    predicate = raw["predicate"]
    if not isinstance(predicate, str) or not predicate:
        raise InputError(f"{where}: predicate must be a non-empty string, got {predicate!r}")
    certainty = raw.get("certainty", "confirmed")
    if certainty not in GOLD_CERTAINTIES:
        raise InputError(f"{where}: certainty {certainty!r} is not one of {GOLD_CERTAINTIES}")
    also = raw.get("also", ())
    also = (also,) if isinstance(also, str) else also
    if not isinstance(also, (list, tuple)) or not all(isinstance(p, str) for p in also):
        raise InputError(f"{where}: also must be a list of predicates, got {also!r}")
    return GoldRelation(
        subject=_names(raw["subject"], where=where, field="subject"),
        predicate=predicate,
        object=_names(raw["object"], where=where, field="object"),
        certainty=certainty,
        optional=bool(raw.get("optional", False)),
        also=tuple(also),
        evidence=str(raw.get("evidence") or ""),
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None


def _gold_document(path: Path, data: Mapping) -> GoldDocument:
    if "text" in data:
        text = data["text"]
    elif "text_file" in data:
        text_path = path.parent / str(data["text_file"])
        if not text_path.is_file():
            raise InputError(f"{path}: text_file {str(data['text_file'])!r} not found in {path.parent}")
        text = _read_text(text_path)
    else:
        raise InputError(f"{path}: no text (give 'text' or 'text_file')")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{path}: the text is empty")
    raw_relations = data["relations"]
    if not isinstance(raw_relations, list):
        raise InputError(f"{path}: relations must be a list, got {type(raw_relations).__name__}")
    relations = [_gold_relation(r, where=f"{path}: relation {i}") for i, r in enumerate(raw_relations)]
    scored = data.get("scored_predicates")
    if scored is not None:
        if not isinstance(scored, list) or not all(isinstance(p, str) for p in scored):
            raise InputError(f"{path}: scored_predicates must be a list of predicates, got {scored!r}")
        scored = frozenset(scored)
    return GoldDocument(
        id=str(data.get("id") or path.stem),
        title=data.get("title"),
        url=data.get("url"),
        date=data.get("date"),
        text=text,
        relations=relations,
        scored_predicates=scored,
    )


def load_gold(directory: str | Path) -> list[GoldDocument]:
    """Read every gold file (a ``*.json`` with a ``relations`` key) in *directory*, by file name.

    Other JSON files are skipped. Raises :class:`~graph.exceptions.InputError`
    naming the file when one is not valid JSON, lacks its text, or holds a
    malformed relation, and when the folder holds no gold file.

    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text(json.dumps({"id": "a", "text": "Ann joined Acme.",
    ...     "relations": [{"subject": "Ann", "predicate": "worksAt", "object": ["Acme", "Acme Inc"]}]}))
    >>> [(d.id, d.relations[0].object) for d in load_gold(folder)]
    [('a', ('Acme', 'Acme Inc'))]
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a directory of gold files")
    documents: list[GoldDocument] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(_read_text(path))
        except json.JSONDecodeError as err:
            raise InputError(f"{path}: malformed JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
        if not isinstance(data, Mapping) or "relations" not in data:
            continue
        document = _gold_document(path, data)
        if document.id in seen:
            raise InputError(f"{path}: document id {document.id!r} is also used by {seen[document.id]}")
        seen[document.id] = path
        documents.append(document)
    if not documents:
        raise InputError(f"{folder}: no gold files (*.json with a 'relations' key)")
    return documents


# --------------------------------------------------------------------------- matching


class _Prediction(NamedTuple):
    item: Mapping
    subject: str  # normalized
    predicate: str
    objects: frozenset[str]  # normalized object, plus each comma part for places
    capacity: int  # how many gold relations it may match (one per named place part)


def _prepare(item: Any, *, document: str) -> _Prediction:
    if not isinstance(item, Mapping):
        raise InputError(f"document {document!r}: a prediction must be a mapping, got {item!r}")
    missing = [key for key in _REQUIRED_PREDICTION_KEYS if key not in item]
    if missing:
        raise InputError(
            f"document {document!r}: prediction {dict(item)!r} lacks {missing}; "
            f"each needs {list(_REQUIRED_PREDICTION_KEYS)}"
        )
    try:
        float(item["confidence"])
    except (TypeError, ValueError):
        raise InputError(
            f"document {document!r}: confidence {item['confidence']!r} is not a number in [0, 1]"
        ) from None
    predicate = str(item["predicate"])
    obj = str(item["object"])
    objects = {normalize_name(obj)}
    capacity = 1
    if predicate == _PLACE_PREDICATE and "," in obj:
        parts = {normalize_name(part) for part in obj.split(",")} - {""}
        objects |= parts
        capacity = max(1, len(parts))
    return _Prediction(item, normalize_name(str(item["subject"])), predicate, frozenset(objects - {""}), capacity)


def _dedupe_key(p: _Prediction) -> tuple[str, str, str]:
    obj = normalize_name(str(p.item["object"]))
    if p.predicate in SYMMETRIC_PREDICATES:
        low, high = sorted((p.subject, obj))
        return (low, p.predicate, high)
    return (p.subject, p.predicate, obj)


def _dedupe(predictions: list[_Prediction]) -> list[_Prediction]:
    """One prediction per fact: the most confident of its duplicates (the first on ties)."""
    kept: dict[tuple[str, str, str], _Prediction] = {}
    for p in predictions:
        key = _dedupe_key(p)
        if key not in kept or float(p.item["confidence"]) > float(kept[key].item["confidence"]):
            kept[key] = p
    return list(kept.values())


def _matches(p: _Prediction, g: GoldRelation) -> bool:
    if p.predicate != g.predicate and p.predicate not in g.also:
        return False
    subjects = {normalize_name(n) for n in g.subject}
    objects = {normalize_name(n) for n in g.object}
    if p.subject in subjects and p.objects & objects:
        return True
    if p.predicate in SYMMETRIC_PREDICATES:
        # Reversed, the place parts do not apply: only locatedIn has them.
        obj = normalize_name(str(p.item["object"]))
        return obj in subjects and p.subject in objects
    return False


def _match(predictions: list[_Prediction], gold: list[GoldRelation]) -> dict[int, int]:
    """A maximum matching gold index → prediction index, each gold matched at most once.

    Each prediction offers ``capacity`` slots; its first slot is its
    "primary" one. Kuhn's augmenting paths keep a matched gold and a taken
    slot matched, so running the phases in order first matches as many
    required relations as possible, by as many distinct predictions as
    possible, and only then gives optional relations the remaining slots.
    """
    slots: list[tuple[int, bool]] = [
        (i, k == 0) for i, p in enumerate(predictions) for k in range(p.capacity)
    ]
    edges = {
        g: [s for s, (i, _) in enumerate(slots) if _matches(predictions[i], gold[g])]
        for g in range(len(gold))
    }
    slot_gold: dict[int, int] = {}
    gold_slot: dict[int, int] = {}

    def augment(g: int, primary_only: bool, seen: set[int]) -> bool:
        for s in edges[g]:
            if s in seen or (primary_only and not slots[s][1]):
                continue
            seen.add(s)
            if s not in slot_gold or augment(slot_gold[s], primary_only, seen):
                slot_gold[s] = g
                gold_slot[g] = s
                return True
        return False

    required = [g for g, rel in enumerate(gold) if not rel.optional]
    optional = [g for g, rel in enumerate(gold) if rel.optional]
    for group in (required, optional):
        for primary_only in (True, False):
            for g in group:
                if g not in gold_slot:
                    augment(g, primary_only, set())
    return {g: slots[s][0] for g, s in gold_slot.items()}


# --------------------------------------------------------------------------- scoring


def _rates(gold: int, tp: int, fp: int, fn: int) -> PredicateScore:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PredicateScore(gold, tp, fp, fn, precision, recall, f1)


def _predicate_order(predicate: str) -> tuple[int, str]:
    names = list(RELATIONS)
    return (names.index(predicate), "") if predicate in names else (len(names), predicate)


def score(predictions: Mapping[str, Iterable[Mapping]], gold: Sequence[GoldDocument]) -> Scores:
    """Compare *predictions* (keyed by document id) with *gold* under the corpus rules.

    A prediction matches a gold relation when its predicate is the gold's (or
    in its ``also``) and both ends equal one of the gold names by
    :func:`~graph.identity.normalize_name`; symmetric predicates match either
    way round, and a ``locatedIn`` place named more fully ("Lincoln,
    Nebraska") matches each of its comma-separated parts, so it can match one
    gold relation per part. Each gold relation is matched at most once
    (maximum matching, required relations first); duplicate predictions of a
    fact count once; predictions of predicates outside a file's
    ``scored_predicates`` are ignored; a prediction that matches only an
    optional relation is neither right nor wrong; one that matches nothing
    (or only relations already matched) is a false positive. Gold documents
    without predictions score all their required relations as misses.

    >>> gold = [GoldDocument("d", None, None, None, "…", [
    ...     GoldRelation(("Acme",), "locatedIn", ("Lincoln",), "confirmed"),
    ...     GoldRelation(("Acme",), "locatedIn", ("Nebraska",), "confirmed"),
    ...     GoldRelation(("Acme",), "ledBy", ("Ann Lee",), "reported")], None)]
    >>> s = score({"d": [{"subject": "Acme Inc.", "predicate": "locatedIn",
    ...     "object": "Lincoln, Nebraska", "certainty": "confirmed", "confidence": 0.8}]}, gold)
    >>> s.micro.tp, s.micro.fp, s.micro.fn
    (2, 0, 1)
    >>> s.per_predicate["ledBy"].recall
    0.0
    """
    by_id = {doc.id: doc for doc in gold}
    unknown = sorted(set(predictions) - set(by_id))
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:5]) + (", …" if len(unknown) > 5 else "")
        raise InputError(f"predictions for documents not in the gold: {shown}")

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # gold, tp, fp, fn
    certainty_correct = certainty_total = 0
    false_positives: dict[str, list[dict]] = {}
    false_negatives: dict[str, list[GoldRelation]] = {}
    judgements: list[Judgement] = []

    for doc in gold:
        items = [_prepare(item, document=doc.id) for item in predictions.get(doc.id, ())]
        if doc.scored_predicates is not None:
            items = [p for p in items if p.predicate in doc.scored_predicates]
        items = _dedupe(items)
        matching = _match(items, doc.relations)

        matched_by: dict[int, list[GoldRelation]] = defaultdict(list)
        for g, i in matching.items():
            matched_by[i].append(doc.relations[g])
        for g, relation in enumerate(doc.relations):
            if relation.optional:
                continue
            counts[relation.predicate][0] += 1
            if g in matching:
                counts[relation.predicate][1] += 1
            else:
                counts[relation.predicate][3] += 1
                false_negatives.setdefault(doc.id, []).append(relation)

        for i, p in enumerate(items):
            required = [rel for rel in matched_by.get(i, ()) if not rel.optional]
            if matched_by.get(i) and not required:
                continue  # matched an optional relation only: neither right nor wrong
            if not required:
                counts[p.predicate][2] += 1
                false_positives.setdefault(doc.id, []).append(dict(p.item))
            for rel in required:
                if rel.certainty != "any":
                    certainty_total += 1
                    certainty_correct += p.item["certainty"] == rel.certainty
            judgements.append(Judgement(doc.id, float(p.item["confidence"]), bool(required)))

    per_predicate = {
        predicate: _rates(*counts[predicate]) for predicate in sorted(counts, key=_predicate_order)
    }
    totals = [sum(c[k] for c in counts.values()) for k in range(4)]
    return Scores(
        per_predicate=per_predicate,
        micro=_rates(*totals),
        certainty_correct=certainty_correct,
        certainty_total=certainty_total,
        certainty_accuracy=certainty_correct / certainty_total if certainty_total else 0.0,
        false_positives=false_positives,
        false_negatives=false_negatives,
        judgements=judgements,
        documents=len(gold),
    )


def calibration(scores: Scores, *, bins: Sequence[float] = DEFAULT_BINS) -> list[CalibrationRow]:
    """Per confidence bin, how many scored predictions fell in it and the share that were right.

    Bins are ``[low, high)`` except the last, which includes its upper edge;
    confidences outside the edges are counted in the first or last bin.

    >>> s = Scores({}, _rates(0, 0, 0, 0), 0, 0, 0.0, {}, {},
    ...     [Judgement("d", 0.95, True), Judgement("d", 0.9, False), Judgement("d", 0.3, False)], 1)
    >>> [(r.low, r.count, r.share_correct) for r in calibration(s, bins=(0.0, 0.5, 0.9, 1.0))]
    [(0.0, 1, 0.0), (0.5, 0, 0.0), (0.9, 2, 0.5)]
    """
    edges = [float(b) for b in bins]
    if len(edges) < 2 or any(a >= b for a, b in zip(edges, edges[1:])):
        raise ValueError(f"bins {tuple(bins)!r} must be at least two strictly increasing edges")
    counts = [[0, 0] for _ in edges[1:]]
    for judgement in scores.judgements:
        index = sum(judgement.confidence >= edge for edge in edges[1:-1])
        counts[index][0] += 1
        counts[index][1] += judgement.correct
    return [
        CalibrationRow(low, high, n, right, right / n if n else 0.0)
        for (low, high), (n, right) in zip(zip(edges, edges[1:]), counts)
    ]


# --------------------------------------------------------------------------- reporting


def format_table(scores: Scores, *, bins: Sequence[float] = DEFAULT_BINS) -> str:
    """A fixed-width report: per-predicate and micro scores, certainty accuracy, calibration.

    >>> gold = [GoldDocument("d", None, None, None, "…",
    ...     [GoldRelation(("A",), "rivalOf", ("B",), "confirmed")], None)]
    >>> s = score({"d": [{"subject": "B", "predicate": "rivalOf", "object": "A",
    ...     "certainty": "confirmed", "confidence": 0.6}]}, gold)
    >>> print(format_table(s, bins=(0.0, 0.5, 1.0)))
    predicate  gold    tp    fp    fn      P      R     F1
    ------------------------------------------------------
    rivalOf       1     1     0     0  1.000  1.000  1.000
    ------------------------------------------------------
    micro         1     1     0     0  1.000  1.000  1.000
    <BLANKLINE>
    certainty accuracy: 1.000 (1/1 matched relations, gold 'any' left out)
    <BLANKLINE>
    confidence        n  correct
    [0.00, 0.50)      0    0.000
    [0.50, 1.00]      1    1.000
    """
    width = max([len("predicate"), len("micro")] + [len(p) for p in scores.per_predicate])
    header = f"{'predicate':<{width}}  {'gold':>4}  {'tp':>4}  {'fp':>4}  {'fn':>4}  {'P':>5}  {'R':>5}  {'F1':>5}"
    rule = "-" * len(header)

    def row(name: str, s: PredicateScore) -> str:
        return (
            f"{name:<{width}}  {s.gold:>4}  {s.tp:>4}  {s.fp:>4}  {s.fn:>4}  "
            f"{s.precision:>5.3f}  {s.recall:>5.3f}  {s.f1:>5.3f}"
        )

    lines = [header, rule]
    lines += [row(name, s) for name, s in scores.per_predicate.items()]
    lines += [rule, row("micro", scores.micro), ""]
    lines.append(
        f"certainty accuracy: {scores.certainty_accuracy:.3f} "
        f"({scores.certainty_correct}/{scores.certainty_total} matched relations, gold 'any' left out)"
    )
    lines += ["", f"{'confidence':<12}  {'n':>5}  {'correct':>7}"]
    for r in calibration(scores, bins=bins):
        closing = "]" if r.high == float(bins[-1]) else ")"
        lines.append(f"{f'[{r.low:.2f}, {r.high:.2f}{closing}':<12}  {r.count:>5}  {r.share_correct:>7.3f}")
    return "\n".join(lines)


def scores_to_json(scores: Scores, *, bins: Sequence[float] = DEFAULT_BINS) -> dict:
    """A JSON-ready dict of *scores* (for ``--json``), with calibration and the errors per document.

    >>> gold = [GoldDocument("d", None, None, None, "…",
    ...     [GoldRelation(("A",), "acquired", ("B",), "confirmed")], None)]
    >>> out = scores_to_json(score({}, gold))
    >>> out["micro"]["fn"], out["false_negatives"]["d"][0]["object"]
    (1, ['B'])
    """
    return {
        "documents": scores.documents,
        "micro": scores.micro._asdict(),
        "per_predicate": {name: s._asdict() for name, s in scores.per_predicate.items()},
        "certainty": {
            "correct": scores.certainty_correct,
            "total": scores.certainty_total,
            "accuracy": scores.certainty_accuracy,
        },
        "calibration": [r._asdict() for r in calibration(scores, bins=bins)],
        "false_positives": {doc: [dict(item) for item in items] for doc, items in scores.false_positives.items()},
        "false_negatives": {
            doc: [
                {**rel._asdict(), "subject": list(rel.subject), "object": list(rel.object), "also": list(rel.also)}
                for rel in rels
            ]
            for doc, rels in scores.false_negatives.items()
        },
    }


def evaluate(directory: str | Path, extract: Callable[..., Iterable[Any]]) -> Scores:
    """Run *extract* over every gold text in *directory* and :func:`score` its output.

    *extract* is called as ``extract(text, title=title)`` and returns fact
    mappings (or records with an ``as_dict()`` method, such as
    :class:`~graph.records.Fact`).

    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text(json.dumps({"id": "a", "text": "Ann joined Acme.",
    ...     "relations": [{"subject": "Ann", "predicate": "worksAt", "object": "Acme"}]}))
    >>> def extract(text, *, title=None):
    ...     return [{"subject": "Ann", "predicate": "worksAt", "object": "Acme Corp.",
    ...              "certainty": "confirmed", "confidence": 0.7}]
    >>> evaluate(folder, extract).micro.f1
    1.0
    """
    gold = load_gold(directory)
    predictions = {}
    for doc in gold:
        facts = extract(doc.text, title=doc.title)
        predictions[doc.id] = [f.as_dict() if hasattr(f, "as_dict") else f for f in facts]
    return score(predictions, gold)
