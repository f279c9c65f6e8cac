"""Helpers for tests that change documents: where in a document something else can go."""


def places_in(document):
    """Every (container, key) in a document (dicts and lists, nested), to put something there."""
    stack = [document]
    while stack:
        node = stack.pop()
        keys = range(len(node)) if isinstance(node, list) else list(node)
        for key in keys:
            yield node, key
            if isinstance(node[key], dict | list):
                stack.append(node[key])
