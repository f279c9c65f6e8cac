"""How doses move: the rule protocol, built-in rules, the registry and the engine."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.progression._advance import (
        ProgramState as ProgramState,
        Step as Step,
        Track as Track,
    )
    from lumbar.progression._aerobic import (
        DurationProgression as DurationProgression,
        WalkRunProgression as WalkRunProgression,
    )
    from lumbar.progression._cap import WeeklyCap as WeeklyCap
    from lumbar.progression._codes import decision_codes as decision_codes
    from lumbar.progression._decision import Action as Action, Decision as Decision
    from lumbar.progression._defaults import (
        advance as advance,
        default_registry as default_registry,
        default_rule as default_rule,
        rule_from_ref as rule_from_ref,
        rule_from_refs as rule_from_refs,
    )
    from lumbar.progression._deload import (
        DeloadRule as DeloadRule,
        schedule_deloads as schedule_deloads,
    )
    from lumbar.progression._first_match import FirstMatch as FirstMatch
    from lumbar.progression._history import History as History
    from lumbar.progression._holds import (
        HoldTimeProgression as HoldTimeProgression,
        ReversePyramid as ReversePyramid,
    )
    from lumbar.progression._ladder import LadderProgression as LadderProgression
    from lumbar.progression._pain_gate import PainGate as PainGate
    from lumbar.progression._protocol import (
        Attempt as Attempt,
        Ledger as Ledger,
        ProgressionRule as ProgressionRule,
        RuleContext as RuleContext,
        WeekFigures as WeekFigures,
    )
    from lumbar.progression._registry import (
        RuleRegistry as RuleRegistry,
        ref_of as ref_of,
        refs_of as refs_of,
        register_rule as register_rule,
    )
    from lumbar.progression._strength import (
        DoubleProgression as DoubleProgression,
        LoadProgression as LoadProgression,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_advance": ("ProgramState", "Step", "Track"),
            "_history": ("History",),
            "_aerobic": ("DurationProgression", "WalkRunProgression"),
            "_cap": ("WeeklyCap",),
            "_codes": ("decision_codes",),
            "_decision": ("Action", "Decision"),
            "_defaults": (
                "advance",
                "default_registry",
                "default_rule",
                "rule_from_ref",
                "rule_from_refs",
            ),
            "_deload": ("DeloadRule", "schedule_deloads"),
            "_first_match": ("FirstMatch",),
            "_holds": ("HoldTimeProgression", "ReversePyramid"),
            "_ladder": ("LadderProgression",),
            "_pain_gate": ("PainGate",),
            "_protocol": ("Attempt", "Ledger", "ProgressionRule", "RuleContext", "WeekFigures"),
            "_registry": ("RuleRegistry", "ref_of", "refs_of", "register_rule"),
            "_strength": ("DoubleProgression", "LoadProgression"),
        },
    )
