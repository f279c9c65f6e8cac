"""Mechanism every layer builds on: validators, the TOML table loader, ordering, data, exports."""
