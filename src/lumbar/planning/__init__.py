"""Personal programs: the profile, and the builder that turns it into a phased program."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.planning._builder import (
        build_program as build_program,
        next_program as next_program,
    )
    from lumbar.planning._profile import (
        DirectionalPreference as DirectionalPreference,
        FitnessLevel as FitnessLevel,
        Profile as Profile,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_builder": ("build_program", "next_program"),
            "_profile": ("DirectionalPreference", "FitnessLevel", "Profile"),
        },
    )
