"""Test configuration: hypothesis profiles.

``ci`` (the default under CI=true) runs more examples and never depends on timing;
``dev`` keeps the local loop quick. ``mutation`` (``tools/mutation.sh``) runs a few
derandomized examples, so each mutant is judged quickly and the same way on every run,
and does not shrink a failing example: a mutant's verdict needs a failure, not the
smallest one (shrinking took a minute for some killed mutants).
"""

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "mutation",
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
