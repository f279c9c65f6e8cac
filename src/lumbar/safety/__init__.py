"""Red-flag screening, outcome questionnaires and change, posture checklists, lifting."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.safety._change import ScoreChange as ScoreChange, compare as compare
    from lumbar.safety._instruments import (
        FabqResult as FabqResult,
        PseqResult as PseqResult,
        RolandMorrisResult as RolandMorrisResult,
        fabq as fabq,
        pseq as pseq,
        roland_morris as roland_morris,
    )
    from lumbar.safety._lifting import (
        Coupling as Coupling,
        Lift as Lift,
        NioshMultipliers as NioshMultipliers,
        lifting_index as lifting_index,
        lifting_multipliers as lifting_multipliers,
        recommended_weight_limit as recommended_weight_limit,
    )
    from lumbar.safety._posture import Assessment as Assessment, assess as assess
    from lumbar.safety._questionnaires import (
        CommercialUse as CommercialUse,
        Instrument as Instrument,
        Questionnaire as Questionnaire,
        questionnaire as questionnaire,
        questionnaires as questionnaires,
    )
    from lumbar.safety._red_flags import (
        Outcome as Outcome,
        RedFlagQuestion as RedFlagQuestion,
        RedFlags as RedFlags,
        Tier as Tier,
        red_flag_questions as red_flag_questions,
    )
    from lumbar.safety._scores import (
        OdiBand as OdiBand,
        OswestryResult as OswestryResult,
        StartBackResult as StartBackResult,
        oswestry as oswestry,
        start_back as start_back,
    )
    from lumbar.safety._screening import (
        Screening as Screening,
        require_clear as require_clear,
        screen as screen,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_change": ("ScoreChange", "compare"),
            "_instruments": (
                "FabqResult",
                "PseqResult",
                "RolandMorrisResult",
                "fabq",
                "pseq",
                "roland_morris",
            ),
            "_lifting": (
                "Coupling",
                "Lift",
                "NioshMultipliers",
                "lifting_index",
                "lifting_multipliers",
                "recommended_weight_limit",
            ),
            "_posture": ("Assessment", "assess"),
            "_questionnaires": (
                "CommercialUse",
                "Instrument",
                "Questionnaire",
                "questionnaire",
                "questionnaires",
            ),
            "_scores": ("OdiBand", "OswestryResult", "StartBackResult", "oswestry", "start_back"),
            "_red_flags": ("Outcome", "RedFlagQuestion", "RedFlags", "Tier", "red_flag_questions"),
            "_screening": ("Screening", "require_clear", "screen"),
        },
    )
