"""The one column spec (stance.data.columns): the shared keywords are defined once, shown everywhere, and behave the same."""

from __future__ import annotations

import inspect
import pydoc

import numpy as np
import pandas as pd
import pytest

import stance
import stance.agreement
import stance.balance
from stance.data.columns import COLUMN_FIELDS, COLUMN_KEYWORDS, Columns, Keyword, KeywordSet
from stance.errors import StanceError
from stance.unga.alignment import VOTES


def _public_functions():
    for module in (stance.agreement, stance.balance):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj


KEYWORD_FUNCTIONS = [(name, f) for name, f in _public_functions() if hasattr(f, "__stance_keywords__")]


def test_defaults_are_the_columns_of_the_shipped_tables():
    codings = stance.load("codings")
    stances = stance.load("stances")
    votes = stance.load("unga_votes")
    c = Columns()
    assert set(c.unit) | {c.coder, c.value} <= set(codings.columns)
    assert {c.item, c.actor, c.value} <= set(stances.columns)
    assert {VOTES.item, VOTES.actor, VOTES.value} <= set(votes.columns) and VOTES.item == "rcid"
    # one row per unit and coder in codings, one per item and actor in stances: the keys the functions rely on
    assert not codings.duplicated(list(c.unit) + [c.coder]).any()
    assert not stances.duplicated([c.item, c.actor]).any()


def test_columns_normalises_and_rejects():
    c = Columns(categories=["oppose", "support"], unit=["event_id"])
    assert c.categories == ("oppose", "support") and c.unit == ("event_id",)
    assert hash(c) == hash(Columns(categories=("oppose", "support"), unit=("event_id",)))
    with pytest.raises(TypeError, match="coder"):
        Columns(coder=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Columns(colour="red")  # type: ignore[call-arg]


def test_every_agreement_and_balance_function_with_column_keywords_takes_a_keyword_set():
    assert len(KEYWORD_FUNCTIONS) >= 18
    for name, f in _public_functions():
        source_params = inspect.signature(inspect.unwrap(f)).parameters
        declared_defaults = [p for p in source_params if p in COLUMN_FIELDS and source_params[p].default is not inspect.Parameter.empty]
        assert not declared_defaults, f"{name} repeats the column keywords {declared_defaults} in its own signature"


@pytest.mark.parametrize("name,f", KEYWORD_FUNCTIONS, ids=[n for n, _ in KEYWORD_FUNCTIONS])
def test_signature_and_docs_show_every_shared_keyword_once_from_one_source(name, f):
    keywords: KeywordSet = f.__stance_keywords__
    sig = inspect.signature(f)
    doc = f.__doc__
    params = doc[doc.index("Parameters\n----------\n"):]
    for k in keywords:
        default = keywords.defaults[k.name]
        assert k.name in sig.parameters, (name, k.name)
        text = k.doc(default)
        assert params.count(text) == 1, f"{name}: the documentation of {k.name!r} is not the shared text (or is there twice)"
        if default is not keywords.defaults.get("data", object()) and sig.parameters[k.name].kind is inspect.Parameter.KEYWORD_ONLY:
            assert sig.parameters[k.name].default == default or (default is None and sig.parameters[k.name].default is None)
    names = [line.split(" :")[0] for line in params.splitlines() if line and not line.startswith((" ", "-", "Parameters"))]
    section = names[: names.index("Returns")] if "Returns" in names else names
    assert len(section) == len(set(section)), f"{name}: a parameter is documented twice: {section}"
    if any(k.name in COLUMN_FIELDS for k in keywords):
        assert "columns" in sig.parameters and "columns : Columns, optional" in doc
    assert "conf_level" not in keywords.keywords or "conf_level : float, default 0.95" in pydoc.render_doc(f, renderer=pydoc.plaintext)


def test_columns_object_gives_what_the_keywords_give():
    # Signorino & Ritter's hypothetical UN example (S = 0.75 with absolute distances, published).
    votes = pd.DataFrame({"rcid": [1, 2, 3, 4] * 2, "country": ["i"] * 4 + ["j"] * 4, "vote": [3, 3, 1, 2, 3, 3, 1, 3]})
    layout = Columns(item="rcid", actor="country", value="vote")
    by_keywords = stance.balance.similarity(votes, "i", "j", measure="s_absolute", item="rcid", actor="country", value="vote")
    by_object = stance.balance.similarity(votes, "i", "j", measure="s_absolute", columns=layout)
    assert by_keywords.value == by_object.value == 0.75
    # a keyword beside the object overrides its field
    renamed = votes.rename(columns={"vote": "ballot"})
    assert stance.balance.similarity(renamed, "i", "j", measure="s_absolute", columns=layout, value="ballot").value == 0.75


def test_agreement_keywords_and_columns_object_agree_with_the_published_kappa():
    # Wikipedia's worked example of Cohen's kappa: 0.4.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    long = pd.DataFrame([{"proposal": i, "reader": r, "answer": a} for i, (x, y) in enumerate(pairs) for r, a in (("A", x), ("B", y))])
    layout = Columns(unit="proposal", coder="reader", value="answer", categories=["yes", "no"])
    assert round(stance.agreement.cohen_kappa(long, columns=layout).estimate, 10) == 0.4
    assert round(stance.agreement.cohen_kappa(long, unit="proposal", coder="reader", value="answer", categories=["yes", "no"]).estimate, 10) == 0.4
    assert round(stance.agreement.cohen_kappa(pairs, categories=["yes", "no"]).estimate, 10) == 0.4


def test_wrong_keywords_fail_like_any_call():
    x = np.array([[1, 1], [2, 2], [1, 2]])
    with pytest.raises(TypeError, match="cohen_kappa"):
        stance.agreement.cohen_kappa(x, cooder="a")
    with pytest.raises(TypeError, match="Columns"):
        stance.agreement.cohen_kappa(x, columns={"coder": "a"})
    with pytest.raises(TypeError):
        stance.balance.similarity(pd.DataFrame(), "a", "b", unit="x")  # agreement's keyword, not a balance one


def test_balance_refuses_a_missing_code_instead_of_ignoring_it():
    df = pd.DataFrame({"event_id": ["e1", "e1"], "actor_id": ["A", "B"], "stance": ["support", "support"]})
    with pytest.raises(StanceError, match="missing"):
        stance.balance.similarity(df, "A", "B", columns=Columns(missing="none"))


def test_keyword_set_documents_a_function_without_parameters_section():
    size = Keyword("size", "int", "How many.", 3, "int")
    label = Keyword("label", "str", "A label.", None, "str | None")

    @KeywordSet(size, label).but(size=5).returning("int\n    The size.")
    def count(data, *, size, label):
        """Count things.

        Examples
        --------
        >>> 1
        1
        """
        return size

    assert count([]) == 5 and count([], size=2) == 2
    assert str(inspect.signature(count)) == "(data, *, size: 'int' = 5, label: 'str | None' = None)"
    doc = count.__doc__
    assert doc.index("size : int, default 5\n    How many.") < doc.index("label : str, optional\n    A label.") < doc.index("Returns\n-------\nint") < doc.index("Examples")
    assert "columns" not in doc  # no column keyword, no columns object
    with pytest.raises(TypeError, match="declares"):
        KeywordSet(size)(lambda data, *, size=1: size)
    with pytest.raises(TypeError, match="columns"):
        KeywordSet(COLUMN_KEYWORDS["value"])(lambda data: data)
