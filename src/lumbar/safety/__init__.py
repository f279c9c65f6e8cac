"""Red-flag screening, outcome scores, posture checklists and the lifting equation."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.safety._lifting import (
        Coupling as Coupling,
        Lift as Lift,
        NioshMultipliers as NioshMultipliers,
        lifting_index as lifting_index,
        lifting_multipliers as lifting_multipliers,
        recommended_weight_limit as recommended_weight_limit,
    )
    from lumbar.safety._posture import Assessment as Assessment, assess as assess
    from lumbar.safety._scores import (
        OdiBand as OdiBand,
        OswestryResult as OswestryResult,
        StartBackResult as StartBackResult,
        oswestry as oswestry,
        start_back as start_back,
    )
    from lumbar.safety._screening import (
        Outcome as Outcome,
        RedFlagQuestion as RedFlagQuestion,
        RedFlags as RedFlags,
        Screening as Screening,
        Tier as Tier,
        red_flag_questions as red_flag_questions,
        require_clear as require_clear,
        screen as screen,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_lifting": (
                "Coupling",
                "Lift",
                "NioshMultipliers",
                "lifting_index",
                "lifting_multipliers",
                "recommended_weight_limit",
            ),
            "_posture": ("Assessment", "assess"),
            "_scores": ("OdiBand", "OswestryResult", "StartBackResult", "oswestry", "start_back"),
            "_screening": (
                "Outcome",
                "RedFlagQuestion",
                "RedFlags",
                "Screening",
                "Tier",
                "red_flag_questions",
                "require_clear",
                "screen",
            ),
        },
    )
