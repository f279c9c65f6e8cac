"""lumbar: evidence-based exercise-program logic for chronic low back pain.

Every public name of the layers below is also a name of ``lumbar``; see each
subpackage for what it holds. Names load on first use (PEP 562), so that
``import lumbar`` stays as cheap as ``import attrs`` for command lines and
notebooks alike; type checkers read the imports below.
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from lumbar import evidence as evidence
    from lumbar.content import *
    from lumbar.errors import *
    from lumbar.formats import *
    from lumbar.model import *
    from lumbar.planning import *
    from lumbar.progression import *
    from lumbar.safety import *
    from lumbar.simulation import *
else:
    from lumbar._base.exports import reexports

    # The layers whose public names lumbar re-exports, lowest first, and the modules it
    # exports as themselves. The layers' own tables say where each name lives.
    __getattr__, __dir__ = reexports(
        __name__,
        layers=(
            "errors",
            "model",
            "content",
            "progression",
            "safety",
            "simulation",
            "planning",
            "formats",
        ),
        modules=("evidence",),
    )
