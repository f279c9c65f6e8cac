"""Typed uses of the program builder, checked by ``mypy --strict`` in CI (never run)."""

import lumbar
from lumbar import DirectionalPreference, Equipment, FitnessLevel, Goal, Profile

profile = Profile(
    screening=lumbar.screen(lumbar.RedFlags()),
    risk=lumbar.Risk.MEDIUM,
    pain=4,
    level=FitnessLevel.INTERMEDIATE,
    preference=DirectionalPreference.FLEXION_INTOLERANT,
    equipment=(Equipment.MAT, Equipment.DUMBBELL),
    goal=Goal.RETURN_TO_JOGGING,
    days=3,
    minutes=45,
)
program: lumbar.Program = lumbar.build_program(profile, catalog=lumbar.default_catalog())
goal: lumbar.ActivityGoal | None = program.weeks[0].activity
topic_id: str | None = program.weeks[0].education
topics = lumbar.education_topics()
topic: lumbar.EducationTopic = topics["pacing"]
text: str = lumbar.render_text(program) + lumbar.render_markdown(program)
second: lumbar.Program = lumbar.next_program(program, profile)
