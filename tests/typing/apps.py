"""Typed uses of the app-facing API (schemas, FHIR, calendars), checked by mypy (never run)."""

import datetime
from typing import Any

import lumbar

program = lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))
schema: dict[str, Any] = lumbar.json_schema(lumbar.Program)
documents: tuple[type, ...] = lumbar.DOCUMENT_TYPES
bundle: dict[str, Any] = lumbar.to_fhir(program, start=datetime.date(2024, 1, 1))
back: lumbar.Program = lumbar.from_fhir(bundle)
calendar: str = lumbar.to_ical(program, start=datetime.date(2024, 1, 1), weekdays=(0, 2, 4))
rule: lumbar.PainGate = lumbar.from_json(
    lumbar.to_json(lumbar.PainGate(inner=lumbar.DoubleProgression())),
    lumbar.PainGate,
    registry=lumbar.default_registry(),
)
