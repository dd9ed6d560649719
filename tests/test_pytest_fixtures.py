"""The pytest fixtures of ``formance_orchestration.testing`` under each async test runner users have: anyio's plugin
(asyncio and trio) and pytest-asyncio in strict and auto mode, with ``filterwarnings = error``.

Each case runs a small test file in a fresh pytest (``pytester``), configured as a user's project would be.
"""

from __future__ import annotations

import pytest

ASYNC_BODY = """
    client = async_orchestration_client
    workflow = await client.v2.create_workflow(name="w", stages=[{"delay": {"duration": "1s"}}])
    assert (await client.v2.get_workflow(workflow.id)).id == workflow.id
    assert [w.id async for w in client.v2.list_workflows()] == [workflow.id]
    assert fake_orchestration is not None
"""

SYNC_TEST = """
def test_blocking(orchestration_client, fake_orchestration):
    workflow = orchestration_client.v2.create_workflow(stages=[])
    assert [w.id for w in orchestration_client.v2.list_workflows()] == [workflow.id]
"""

INI = """
[pytest]
filterwarnings = error
{extra}
"""


def run(pytester: pytest.Pytester, ini: str, test: str, *args: str) -> pytest.RunResult:
    pytester.makeini(INI.format(extra=ini))
    pytester.makepyfile(test_user=test + SYNC_TEST)
    return pytester.runpytest("-p", "no:cacheprovider", *args)


def test_pytest_asyncio_strict_mode_beside_anyio(pytester: pytest.Pytester) -> None:
    # One project, both runners: pytest-asyncio's marked test, and anyio's on asyncio and trio.
    test = (
        "import pytest\n\n"
        "@pytest.fixture(params=['asyncio', 'trio'])\n"
        "def anyio_backend(request):\n"
        "    return request.param\n\n"
        "@pytest.mark.asyncio\n"
        "async def test_pytest_asyncio(async_orchestration_client, fake_orchestration):" + ASYNC_BODY + "\n"
        "@pytest.mark.anyio\n"
        "async def test_anyio(async_orchestration_client, fake_orchestration):" + ASYNC_BODY
    )
    result = run(pytester, "asyncio_mode = strict\nasyncio_default_fixture_loop_scope = function", test)
    result.assert_outcomes(passed=4)


def test_pytest_asyncio_auto_mode(pytester: pytest.Pytester) -> None:
    test = "async def test_async(async_orchestration_client, fake_orchestration):" + ASYNC_BODY
    result = run(pytester, "asyncio_mode = auto\nasyncio_default_fixture_loop_scope = function", test)
    result.assert_outcomes(passed=2)


def test_anyio_plugin_without_pytest_asyncio(pytester: pytest.Pytester) -> None:
    test = "import pytest\n\n@pytest.mark.anyio\nasync def test_async(async_orchestration_client, fake_orchestration):"
    result = run(pytester, "", test + ASYNC_BODY, "-p", "no:asyncio")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == outcomes.get("errors", 0) == 0
    assert outcomes["passed"] >= 2  # the blocking test, and the async one on each backend anyio picks
