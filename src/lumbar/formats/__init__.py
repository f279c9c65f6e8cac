"""Ways out and back in: versioned JSON, text and Markdown renderings, notebook tables and plots."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.formats._dataframe import to_dataframe as to_dataframe
    from lumbar.formats._json import (
        SCHEMA_VERSION as SCHEMA_VERSION,
        from_dict as from_dict,
        from_json as from_json,
        to_dict as to_dict,
        to_json as to_json,
    )
    from lumbar.formats._plot import plot as plot
    from lumbar.formats._render import (
        render_markdown as render_markdown,
        render_text as render_text,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_dataframe": ("to_dataframe",),
            "_json": ("SCHEMA_VERSION", "from_dict", "from_json", "to_dict", "to_json"),
            "_plot": ("plot",),
            "_render": ("render_markdown", "render_text"),
        },
    )
