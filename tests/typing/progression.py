"""Typed uses of the progression API, checked by ``mypy --strict`` in CI (never run)."""

import datetime
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import lumbar
from lumbar import Action, Decision, ExerciseResult, ProgressionRule, RuleContext, SessionLog


class Holding:
    """A plain class meets the rule protocol: no base class."""

    name = "holding"

    @property
    def params(self) -> Mapping[str, int | float | str | bool]:
        return MappingProxyType({})

    def decide(self, context: RuleContext) -> Decision:
        return Decision(
            action=Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Hold.",
            references=("borg-cr10",),
        )


rule: ProgressionRule = lumbar.PainGate(inner=Holding(), limit=4)
stack: ProgressionRule = lumbar.default_rule()
refs: tuple[lumbar.RuleRef, ...] = lumbar.refs_of(stack)
rebuilt: ProgressionRule = lumbar.rule_from_refs(refs)

registry: lumbar.RuleRegistry = lumbar.default_registry()
registry.register(Holding)
decorated = lumbar.register_rule(lumbar.RuleRegistry())(Holding)
names: Sequence[str] = registry.load_entry_points()

result = ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=1)
log = SessionLog(date=datetime.date(2024, 1, 1), results=(result,), pain_before=2)

program: lumbar.Program = lumbar.schedule_deloads(lumbar.Program(weeks=()), every=4)
state: lumbar.ProgramState = lumbar.ProgramState.begin(program)
step: lumbar.Step = lumbar.advance(program, state, log, rule=rule)
decisions: tuple[Decision, ...] = step.decisions
following: lumbar.Session | None = step.session


def responder(prescription: lumbar.Prescription, week_index: int) -> ExerciseResult:
    return result


simulation: lumbar.Simulation = lumbar.simulate(program, responder, seed=3)
cohort = lumbar.simulate_many(program, lumbar.SteadyImprover(), range(10), rule=rule)
first: lumbar.Simulation = next(cohort)
rows: list[dict[str, object]] = simulation.rows()
