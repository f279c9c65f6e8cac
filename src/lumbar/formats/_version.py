"""The version of lumbar's JSON format, and the key that carries it."""

SCHEMA_VERSION = 1
"""The version of the JSON format written by this lumbar; documents carry it as ``schema``."""

SCHEMA_KEY = "schema"
"""The key of the version in every document that ``to_dict`` and ``to_json`` write."""
