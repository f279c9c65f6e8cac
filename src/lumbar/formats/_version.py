"""The version of lumbar's JSON format, and the key that carries it."""

SCHEMA_VERSION = 2
"""The version of the JSON format written by this lumbar; documents carry it as ``schema``.

Version 2: program states name their program by fingerprint (see the migrations)."""

SCHEMA_KEY = "schema"
"""The key of the version in every document that ``to_dict`` and ``to_json`` write."""
