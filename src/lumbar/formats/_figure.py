"""The figure ``lumbar.plot`` returns: a matplotlib ``Figure`` that Jupyter shows as it is.

Imported only by ``lumbar.plot``, since it needs matplotlib (the notebook extra).
A figure made without pyplot, as lumbar makes them, has no picture of its own for
Jupyter unless pyplot's inline backend has been switched on; ``_repr_png_`` gives
it one, so that a cell ending in ``lumbar.plot(sim)`` shows the plot. Where a
front end registers its own way of showing figures (``%matplotlib inline``, or
after ``import matplotlib.pyplot``), IPython uses that instead, as for any figure.
"""

from __future__ import annotations

import io

import matplotlib.figure


class Figure(matplotlib.figure.Figure):
    """A matplotlib ``Figure`` with a PNG picture for IPython; nothing else differs.

    It keeps matplotlib's class name, so that it reads as any figure does.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
