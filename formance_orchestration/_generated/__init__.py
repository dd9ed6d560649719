# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""Everything written by ``tools/codegen`` from the OpenAPI document; nothing here is edited by hand.

``models`` (one attrs class per schema; public as ``formance_orchestration.models``), ``codec`` (their JSON
functions, registered on the converter), ``v2`` (the async operations) and ``v2_sync`` (their blocking face).
"""
