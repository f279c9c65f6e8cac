"""The built-in data and its loaders: the exercise catalog, education topics, checklists."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.content._catalog import (
        Catalog as Catalog,
        default_catalog as default_catalog,
        load_catalog as load_catalog,
    )
    from lumbar.content._checklists import (
        Checklist as Checklist,
        ChecklistItem as ChecklistItem,
        default_checklists as default_checklists,
        load_checklist as load_checklist,
    )
    from lumbar.content._education import (
        EducationTopic as EducationTopic,
        education_topics as education_topics,
    )
    from lumbar.content._program_check import check_against_catalog as check_against_catalog
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_catalog": ("Catalog", "default_catalog", "load_catalog"),
            "_checklists": ("Checklist", "ChecklistItem", "default_checklists", "load_checklist"),
            "_education": ("EducationTopic", "education_topics"),
            "_program_check": ("check_against_catalog",),
        },
    )
