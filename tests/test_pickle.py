"""Every document and result pickles and deep-copies to an equal value.

Plain ``pickle``, as a ``concurrent.futures.ProcessPoolExecutor`` uses it to send a
program, a patient and a rule stack to a worker and a result back: not cloudpickle,
which Dask would fall back on and which hides what plain pickle refuses.
"""

import copy
import pickle

import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from lumbar import strategies as lst
from lumbar._base.frozen import FrozenDict

# Strategies that take arguments, drawn with some.
_WITH_ARGUMENTS = {
    "attempts": lst.prescriptions().flatmap(lst.attempts),
    "checklist_answers": lst.checklists().flatmap(lst.checklist_answers),
    "dose_between": st.just(lumbar.Reps(sets=1, reps=5)).flatmap(
        lambda low: lst.dose_between(low, lumbar.Reps(sets=3, reps=12, load_kg=20.0))
    ),
}

# Not documents or results: a responder is a callable with state (a random stream),
# equal only to itself; each run needs a fresh one, made from a virtual patient and a
# seed, and virtual patients are covered.
_NOT_VALUES = {"responders"}

# The progression layer is being rewritten elsewhere; its RuleContext still holds its
# ledgers as MappingProxyType (src/lumbar/progression/_protocol.py), which plain pickle
# refuses. Strict: the test fails as soon as the rewrite makes contexts pickle, so that
# this mark goes then.
_KNOWN_GAPS = {"rule_contexts"}


def _strategy(name):
    if name in _WITH_ARGUMENTS:
        return _WITH_ARGUMENTS[name]
    return getattr(lst, name)()


_NAMES = sorted(set(lst.__all__) - _NOT_VALUES)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(
                raises=TypeError, strict=True, reason="progression/_protocol.py: MappingProxyType"
            ),
        )
        if name in _KNOWN_GAPS
        else name
        for name in _NAMES
    ],
)
@settings(max_examples=50)  # pickling has no edge cases by size; 50 values of each type
@given(data=st.data())
def test_every_value_pickles_and_deep_copies_to_an_equal_value(name, data):
    """pickle.loads(pickle.dumps(x)) == x and copy.deepcopy(x) == x, with the same hash."""
    value = data.draw(_strategy(name))
    for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert back == value
        assert type(back) is type(value)
    copied = copy.deepcopy(value)
    assert copied == value
    if isinstance(value, lumbar.Program | lumbar.RuleRef | lumbar.Simulation):
        assert hash(back) == hash(value) == hash(copied)


def test_every_strategy_is_covered():
    """A new strategy joins the property above (or says here why it cannot)."""
    assert set(lst.__all__) == set(_NAMES) | _NOT_VALUES
    assert set(_NAMES) >= _KNOWN_GAPS


@given(lst.programs(), st.data())
def test_program_metadata_and_rule_params_stay_frozen_mappings(program, data):
    """The mappings pickle as themselves: equal, read-only, and written to JSON as before."""
    ref = data.draw(lst.rule_refs())
    with_rules = lumbar.Program(weeks=program.weeks, metadata=program.metadata, rules=(ref,))
    back = pickle.loads(pickle.dumps(with_rules))
    assert type(back.metadata) is FrozenDict
    assert type(back.rules[0].params) is FrozenDict
    assert back.metadata == dict(program.metadata)
    assert back.rules[0].params == dict(ref.params)
    assert lumbar.to_json(back) == lumbar.to_json(with_rules)
    with pytest.raises(TypeError):
        back.metadata["new"] = "value"  # type: ignore[index]


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.floats(allow_nan=False)))
def test_frozen_dict_equals_and_hashes_as_a_dict_would(items):
    """Equal to any mapping with the same items, hash consistent with that, never changed."""
    frozen = FrozenDict(items)
    assert frozen == items
    assert items == frozen
    assert frozen == FrozenDict(reversed(list(items.items())))
    assert hash(frozen) == hash(FrozenDict(dict(items)))
    assert dict(frozen) == items
    assert len(frozen) == len(items)
    assert frozen != {**items, "extra key": 1}
    assert repr(frozen) == f"FrozenDict({items!r})"
    with pytest.raises(AttributeError):
        frozen._items = {}  # type: ignore[misc]


def test_values_differing_only_by_number_type_compare_and_hash_alike():
    """1, 1.0 and True are equal in Python; the mapping's hash follows its equality."""
    assert FrozenDict({"a": 1}) == FrozenDict({"a": 1.0}) == {"a": True}
    assert hash(FrozenDict({"a": 1})) == hash(FrozenDict({"a": 1.0}))
