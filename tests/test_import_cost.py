"""What importing the SDK costs a program, and what its first call must not cost the event loop."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

FIRST_CALL = textwrap.dedent(
    """
    import asyncio, json, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            body = json.dumps({"data": {"id": "wf1", "config": {"stages": []},
                               "createdAt": "2026-11-25T10:00:00.123456789Z",
                               "updatedAt": "2026-11-25T10:00:00Z"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    import formance_orchestration
    if sys.argv[1] == "names":  # as an application does at module level
        from formance_orchestration import AsyncOrchestrationClient, BearerToken

    async def main():
        before = set(sys.modules)
        client = formance_orchestration.AsyncOrchestrationClient(
            f"http://127.0.0.1:{server.server_address[1]}", auth=formance_orchestration.BearerToken("t")
        )
        constructed = set(sys.modules)
        async with client:
            workflow = await client.v2.get_workflow("wf1")
            workflow.created_at
            workflow.config.stages
        print(json.dumps([sorted(constructed - before), sorted(set(sys.modules) - constructed)]))

    asyncio.run(main())
    """
)


def _run(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_first_call_imports_nothing() -> None:
    """Everything the first call needs (anyio's backend, httpcore, h11, certifi, the codecs) is imported with the
    async client's name: an import in the middle of the first call holds the interpreter's import lock and stalls
    the loop. With the names imported at module level, building the client imports nothing either."""
    constructing, first_call = json.loads(_run(FIRST_CALL, "names"))
    assert constructing == []
    assert first_call == []


def test_a_bare_import_defers_the_engine_to_the_first_use_of_a_name() -> None:
    """``import formance_orchestration`` alone loads the engine only when a name is first used (here inside the
    loop, while constructing), and still nothing during the first call."""
    constructing, first_call = json.loads(_run(FIRST_CALL, "bare"))
    assert "formance_orchestration._engine.client" in constructing
    assert "httpx" in constructing
    assert first_call == []


def _new_modules(code: str) -> set[str]:
    script = (
        f"import json, sys\nbefore = set(sys.modules)\n{code}\nprint(json.dumps(sorted(set(sys.modules) - before)))"
    )
    return set(json.loads(_run(script)))


def test_a_bare_import_loads_only_the_package_itself() -> None:
    """Not a timing: the list of modules. Every public name is loaded on first use (PEP 562)."""
    assert _new_modules("import formance_orchestration") == {
        "formance_orchestration",
        "formance_orchestration._version",
    }


def test_the_async_client_loads_what_its_calls_need_and_nothing_else() -> None:
    loaded = _new_modules("from formance_orchestration import AsyncOrchestrationClient, BearerToken")
    tops = {name.split(".")[0] for name in loaded}
    assert {"httpx", "httpcore", "anyio", "attrs"} <= tops
    for needed in ("anyio._backends._asyncio", "formance_orchestration._generated.codec"):
        assert needed in loaded
    # Only a retry needs tenacity, only the blocking client anyio's portal, only the public converter cattrs,
    # only a workflow builder the stage builders, only tests the double.
    assert not tops & {"tenacity", "cattrs"}
    not_yet = {
        "anyio.from_thread",
        "formance_orchestration._engine.portal",
        "formance_orchestration._codec.converter",
        "formance_orchestration.stages",
        "formance_orchestration.testing",
    }
    assert not loaded & not_yet


def test_the_blocking_client_adds_the_portal() -> None:
    loaded = _new_modules(
        "from formance_orchestration import OrchestrationClient\n"
        "import formance_orchestration._engine.client as c\n"
        "assert 'anyio.from_thread' not in sys.modules\n"
        "OrchestrationClient('http://127.0.0.1:9', auth=None).close()"
    )
    assert {"anyio.from_thread", "formance_orchestration._engine.portal"} <= loaded
    assert "tenacity" not in {name.split(".")[0] for name in loaded}


def test_every_public_name_is_visible_before_its_first_use() -> None:
    """dir() lists every name of __all__, ``from ... import`` and attribute access load them, help() sees them."""
    import formance_orchestration

    names = dir(formance_orchestration)
    assert set(formance_orchestration.__all__) <= set(names)
    code = (
        "import pydoc, formance_orchestration as f\n"
        "from formance_orchestration import *\n"
        "assert all(getattr(f, name) is not None for name in f.__all__)\n"
        "text = pydoc.render_doc(f, renderer=pydoc.plaintext)\n"
        "print(all(name in text for name in f.__all__ if name != '__version__') and 'VERSION' in text)"
    )
    assert _run(code).strip() == "True"


def test_the_stage_builders_are_imported_on_first_use() -> None:
    code = (
        "import sys, formance_orchestration as f\n"
        "assert 'formance_orchestration.stages' not in sys.modules\n"
        "assert f.stages.Delay(duration='1m').to_json() == {'delay': {'duration': '1m'}}\n"
        "from formance_orchestration import load_workflow_config, stages\n"
        "assert load_workflow_config is stages.load_workflow_config\n"
        "assert 'formance_orchestration.stages' in sys.modules\n"
        "try:\n    f.nothing_here\nexcept AttributeError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "has no attribute 'nothing_here'" in out.stdout
