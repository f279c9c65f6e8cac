"""The version of lumbar's JSON format."""

SCHEMA_VERSION = 1
"""The version of the JSON format written by this lumbar; documents carry it as ``schema``."""
