"""Mechanism every layer builds on: field validators, enum ordering, package data, lazy exports."""
