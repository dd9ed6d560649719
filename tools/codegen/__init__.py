"""The SDK generator: reads the Orchestration OpenAPI document, writes models, codec and both faces of ``v2``.

Layers: :mod:`.parser` (document -> intermediate form), :mod:`.writer` (intermediate form -> source),
:mod:`.__main__` (files, ruff formatting). Departures from the document live in :mod:`.overrides`.
"""
