"""One definition of the keywords that the analysis functions share: the columns of long data, how codes are read, intervals.

Every public function of [`stance.agreement`][stance.agreement], [`stance.balance`][stance.balance] and
[`stance.unga`][stance.unga] reads a long table (one row per unit and coder, or per
item and actor) and takes the same keywords to name its columns
(``unit``/``coder`` or ``item``/``actor``, and ``value``), to read its codes
(``categories``, ``scores``, ``missing``) and to ask for bootstrap intervals
(``ci``, ``n_boot``, ``seed``, ``conf_level``). They are defined here once,
with their types, defaults and documentation, as [`Keyword`][stance.data.columns.Keyword] objects;
each room groups them in a [`KeywordSet`][stance.data.columns.KeywordSet], and a function declares the
set it takes with the set as a decorator. The decorator gives the function
the keywords in its signature (``help()`` and the API reference show them)
and their documentation in its ``Parameters`` section, and passes the body
one [`Columns`][stance.data.columns.Columns] object plus the other keywords.

So the functional API stays as it was (``cohen_kappa(df, coder="rater")``),
and the column keywords can also be given once as one object:
``columns=Columns(item="rcid", actor="country", value="vote")`` works with
every function that takes them; keywords given beside it override its fields.

This module sits in the foundation ([`stance.data`][stance.data]) because the column
names are those of the shipped tables (``codings``, ``stances``,
``unga_votes``) and because agreement, balance and unga, which stand above
it, can all import it; it imports nothing but the standard library.

Examples
--------
>>> from stance.data.columns import Columns
>>> votes = Columns(item="rcid", value="vote")
>>> votes.item, votes.actor, votes.value
('rcid', 'actor_id', 'vote')
>>> Columns(categories=["oppose", "support"]).categories
('oppose', 'support')
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

R = TypeVar("R")

UnitSpec = str | Sequence[str]
ScoresArg = Mapping[Any, float] | Sequence[float | None] | None


@dataclass(frozen=True)
class Columns:
    """The layout of a long table of codes, and how its value column is read.

    Agreement functions read ``unit``, ``coder``, ``value``, ``categories``,
    ``scores`` and ``missing``; balance and UN functions read ``item``,
    ``actor``, ``value``, ``categories`` and ``scores``. The defaults are the
    shipped tables: ``codings`` (unit = event x actor, coder, stance) and
    ``stances`` (item = event, actor, stance). Each field is documented once,
    in [`COLUMN_KEYWORDS`][stance.data.columns.COLUMN_KEYWORDS], and that text is what every function shows.

    Attributes
    ----------
    unit : str or tuple of str
    coder : str
    item : str
    actor : str
    value : str
    categories : tuple or None
    scores : mapping, sequence or None
    missing : scalar or None

    Examples
    --------
    >>> from stance.data.columns import Columns
    >>> Columns().unit, Columns(unit="event_id").unit
    (('event_id', 'actor_id'), 'event_id')
    """

    unit: UnitSpec = ("event_id", "actor_id")
    coder: str = "coder_id"
    item: str = "event_id"
    actor: str = "actor_id"
    value: str = "stance"
    categories: tuple[Any, ...] | None = None
    scores: ScoresArg = field(default=None, hash=False)
    missing: Any = None

    def __post_init__(self) -> None:
        if self.categories is not None and not isinstance(self.categories, tuple):
            object.__setattr__(self, "categories", tuple(self.categories))
        if not isinstance(self.unit, str):
            object.__setattr__(self, "unit", tuple(self.unit))
        for name in ("coder", "item", "actor", "value"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Columns.{name} must be a column name (str), got {getattr(self, name)!r}.")


#: Names of the fields of [`Columns`][stance.data.columns.Columns] (these keywords go into the ``columns`` object the body receives).
COLUMN_FIELDS = tuple(f.name for f in fields(Columns))
_DEFAULTS = {f.name: f.default for f in fields(Columns)}


class _Declared:
    """Default of a [`Keyword`][stance.data.columns.Keyword] that the function declares itself (only its documentation is shared)."""

    def __repr__(self) -> str:
        return "<declared by the function>"


DECLARED = _Declared()


@dataclass(frozen=True)
class Keyword:
    """One shared keyword parameter: name, default, annotation and its numpydoc entry, defined once.

    Attributes
    ----------
    name : str
    type : str
        The type as the documentation writes it (``"str"``, ``"sequence"``).
    text : str
        What it means (plain text; wrapped as written).
    default : object
        Its default; [`DECLARED`][stance.data.columns.DECLARED] for a parameter the function declares
        itself (such as ``data``), whose documentation alone is shared.
    annotation : str
        The annotation shown in the signature.
    """

    name: str
    type: str
    text: str
    default: Any = None
    annotation: str = "Any"

    def doc(self, default: Any = DECLARED) -> str:
        """The numpydoc entry, with the default the function actually has."""
        value = self.default if default is DECLARED else default
        if value is DECLARED:
            head = f"{self.name} : {self.type}"
        elif value is None:
            head = f"{self.name} : {self.type}, optional"
        else:
            head = f"{self.name} : {self.type}, default {value!r}"
        body = "\n".join("    " + line if line else "" for line in inspect.cleandoc(self.text).splitlines())
        return f"{head}\n{body}"

    def but(self, **changes: Any) -> Keyword:
        """A copy with some attributes changed (another default, or a room's own wording)."""
        return replace(self, **changes)


def _column(name: str, type_: str, annotation: str, text: str) -> Keyword:
    return Keyword(name, type_, text, _DEFAULTS[name], annotation)


#: The column keywords (the fields of [`Columns`][stance.data.columns.Columns]), with the one text every function shows.
COLUMN_KEYWORDS: dict[str, Keyword] = {k.name: k for k in (
    _column("categories", "sequence", "Sequence[Any] | None", """
        The category set, in order. Default: a pandas ``Categorical`` keeps its own
        categories; string codes must be codebook category ids and take the
        codebook's categories; numeric codes take their sorted distinct values.
        An explicit set always wins, and codes outside it are an error.
        Unobserved categories count (they change some coefficients)."""),
    _column("scores", "mapping or sequence", "ScoresArg", """
        Category scores for ordinal, interval and weighted use: a mapping
        category -> score, or one score per category (None = no score: its codes
        are left out and counted in ``n_excluded``). Default: the codebook's
        scores and its neutral rule (``neutral_in_ordinal = "exclude"``: neutral
        has no score); numeric categories are their own scores."""),
    _column("unit", "str or sequence of str", "UnitSpec", """
        Column(s) naming the coded unit in long codings (the ``codings`` table:
        one event x actor cell)."""),
    _column("coder", "str", "str", "Column naming the coder in long codings."),
    _column("item", "str", "str", """
        Column naming the item the actors take stances on (``"rcid"`` for UN
        roll calls)."""),
    _column("actor", "str", "str", "Column naming the actor who takes the stance."),
    _column("value", "str", "str", "Column holding the codes (stances, votes or numbers)."),
    _column("missing", "scalar", "Any", """
        An extra code meaning "missing" (e.g. ``-1`` in an integer matrix); NaN,
        None and NA always are. A missing code is never a category."""),
)}

#: The ``columns`` keyword every decorated function takes (see [`Columns`][stance.data.columns.Columns]).
COLUMNS_KEYWORD = Keyword("columns", "Columns", """
    The column keywords above as one [`Columns`][stance.data.columns.Columns]
    object (e.g. ``Columns(item="rcid")`` for UN votes); keywords given beside
    it override its fields.""", None, "Columns | None")

#: Keywords of the bootstrap intervals.
SEED = Keyword("seed", "int", "Seed of the bootstrap (the same seed gives the same interval).", None, "Any")
CONF_LEVEL = Keyword("conf_level", "float", "Confidence level of the interval.", 0.95, "float")

_SECTION = re.compile(r"^(Parameters|Returns|Yields|Receives|Raises|Warns|Warnings|Other Parameters|Attributes|Methods|See Also|Notes|References|Examples)\n-+\n",
                      flags=re.MULTILINE)


class KeywordSet:
    """An ordered set of shared keywords; used as a decorator, it gives a function those keywords and their documentation.

    The decorated function (the body) declares its own parameters, a
    keyword ``columns`` if it takes column keywords, and ``**options`` for the
    rest (or names them keyword-only, without defaults). Callers see and may pass every keyword of the set (plus
    ``columns=``); the body receives one merged [`Columns`][stance.data.columns.Columns] as
    ``columns`` and the other keywords, with their defaults filled in, in
    ``options``. An unknown keyword is a ``TypeError``, as for any function.

    Examples
    --------
    >>> from stance.data.columns import COLUMN_KEYWORDS, KeywordSet
    >>> reading = KeywordSet(COLUMN_KEYWORDS["item"], COLUMN_KEYWORDS["value"])
    >>> @reading
    ... def first_value(data, *, columns):
    ...     '''The first value of a long table.'''
    ...     return data[columns.value][0]
    >>> first_value({"vote": ["yes"]}, value="vote")
    'yes'
    >>> print(first_value.__doc__.split("Parameters")[1].splitlines()[2])
    item : str, default 'event_id'
    """

    def __init__(self, *keywords: Keyword, defaults: Mapping[str, Any] | None = None, returns: str = "") -> None:
        self.returns = returns
        self.keywords: dict[str, Keyword] = {}
        for k in keywords:
            if k.name in self.keywords:
                raise ValueError(f"keyword {k.name!r} is twice in the set")
            self.keywords[k.name] = k
        self.defaults = {k.name: k.default for k in keywords}
        if defaults:
            unknown = set(defaults) - set(self.defaults)
            if unknown:
                raise ValueError(f"defaults for keywords not in the set: {sorted(unknown)}")
            self.defaults.update(defaults)

    def __iter__(self) -> Iterator[Keyword]:
        return iter(self.keywords.values())

    def __add__(self, other: KeywordSet) -> KeywordSet:
        return KeywordSet(*self, *other, defaults={**self.defaults, **other.defaults}, returns=other.returns or self.returns)

    def but(self, **defaults: Any) -> KeywordSet:
        """The same set with other defaults (e.g. ``weights="quadratic"`` for Gwet's AC2)."""
        return KeywordSet(*self, defaults={**self.defaults, **defaults}, returns=self.returns)

    def without(self, *names: str) -> KeywordSet:
        """The set less some keywords."""
        return KeywordSet(*(k for k in self if k.name not in names), defaults={n: d for n, d in self.defaults.items() if n not in names}, returns=self.returns)

    def returning(self, text: str) -> KeywordSet:
        """The same set, giving the functions that have no ``Returns`` section this one (numpydoc text)."""
        return KeywordSet(*self, defaults=self.defaults, returns=inspect.cleandoc(text))

    def parameters_doc(self, documented: Sequence[str] = ()) -> tuple[dict[str, str], list[str]]:
        """The numpydoc entries of the set, skipping ``documented``: (those the function declares itself, by name; the keywords)."""
        declared = {k.name: k.doc() for k in self if self.defaults[k.name] is DECLARED and k.name not in documented}
        shared = [k.doc(self.defaults[k.name]) for k in self if self.defaults[k.name] is not DECLARED and k.name not in documented]
        if any(k.name in COLUMN_FIELDS for k in self):
            shared.append(COLUMNS_KEYWORD.doc())
        return declared, shared

    def __call__(self, func: Callable[..., R]) -> Callable[..., R]:
        # Typed as taking any arguments: the keywords exist at run time (``__signature__``), not in the body's source.
        own = inspect.signature(func)
        takes_columns = "columns" in own.parameters
        names = [k.name for k in self if self.defaults[k.name] is not DECLARED]
        clash = [n for n in names if n in own.parameters
                 and (own.parameters[n].kind is not inspect.Parameter.KEYWORD_ONLY or own.parameters[n].default is not inspect.Parameter.empty)]
        if clash:
            raise TypeError(f"{func.__qualname__} declares {clash} with a default or positionally; its keyword set gives them (declare them keyword-only, without default)")
        column_names = [n for n in names if n in COLUMN_FIELDS]
        if column_names and not takes_columns:
            raise TypeError(f"{func.__qualname__} takes column keywords {column_names} but no `columns` parameter")
        kept = [p for p in own.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD and p.name != "columns" and p.name not in names]
        added = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=self.defaults[n], annotation=self.keywords[n].annotation) for n in names]
        if takes_columns:
            added.append(inspect.Parameter("columns", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=COLUMNS_KEYWORD.annotation))
        public = own.replace(parameters=kept + added)
        other_defaults = {n: self.defaults[n] for n in names if n not in COLUMN_FIELDS}
        column_defaults = {n: self.defaults[n] for n in column_names}

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                given = public.bind(*args, **kwargs).arguments
            except TypeError as err:
                raise TypeError(f"{func.__name__}() {err}") from None
            base = given.pop("columns", None) if takes_columns else None
            if base is not None and not isinstance(base, Columns):
                raise TypeError(f"{func.__name__}(columns=...) takes a stance.data.columns.Columns, got {type(base).__name__}")
            picked = {n: given.pop(n) for n in column_names if n in given}
            if base is None:
                cols = Columns(**{**column_defaults, **picked}) if takes_columns else None
            else:
                cols = replace(base, **picked) if picked else base
            options = {n: given.pop(n, d) for n, d in other_defaults.items()}
            if takes_columns:
                return func(**given, columns=cols, **options)
            return func(**given, **options)

        wrapper.__signature__ = public  # type: ignore[attr-defined]
        wrapper.__stance_keywords__ = self  # type: ignore[attr-defined]  # read by the docs' griffe extension
        if func.__doc__:  # None under python -OO
            wrapper.__doc__ = self._document(inspect.cleandoc(func.__doc__), list(public.parameters))
        return wrapper

    def _document(self, doc: str, order: Sequence[str]) -> str:
        """Put the set's entries into the docstring's Parameters section (made if missing, before Returns/Examples...).

        The function's own entries and the shared entries of parameters it
        declares itself come first, in the order of its signature; the set's
        keywords follow, in the set's order.
        """
        sections = list(_SECTION.finditer(doc))
        params = next((m for m in sections if m.group(1) == "Parameters"), None)
        own: list[str] = []
        if params is not None:
            end = next((m.start() for m in sections if m.start() > params.start()), len(doc))
            own = [e for e in re.split(r"\n(?=\S)", doc[params.end():end].strip("\n")) if e.strip()]
            start = params.start()
        else:
            start = end = next((m.start() for m in sections), len(doc))
        named = {re.split(r" :|,", e, maxsplit=1)[0].strip(): e for e in own}
        documented = [n.strip() for e in own for n in e.splitlines()[0].split(" :")[0].split(",")]
        declared, shared = self.parameters_doc(documented)
        first = {**named, **declared}
        rank = {name: i for i, name in enumerate(order)}
        entries = sorted(first, key=lambda n: rank.get(n, len(rank)))
        section = "Parameters\n----------\n" + "\n".join([first[n] for n in entries] + shared) + "\n"
        if self.returns and not any(m.group(1) in ("Returns", "Yields") for m in sections):
            section += "\nReturns\n-------\n" + self.returns + "\n"
        before, after = doc[:start].rstrip("\n"), doc[end:].strip("\n")
        return before + "\n\n" + section + ("\n" + after if after else "")

__all__ = ["COLUMN_FIELDS", "COLUMN_KEYWORDS", "COLUMNS_KEYWORD", "CONF_LEVEL", "Columns", "DECLARED", "Keyword", "KeywordSet", "SEED"]
