"""What importing the SDK costs a program, and what its first call must not cost the event loop."""

from __future__ import annotations

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

    async def main():
        before = set(sys.modules)
        async with formance_orchestration.AsyncOrchestrationClient(
            f"http://127.0.0.1:{server.server_address[1]}", auth=formance_orchestration.BearerToken("t")
        ) as client:
            workflow = await client.v2.get_workflow("wf1")
            workflow.created_at
        print(json.dumps(sorted(set(sys.modules) - before)))

    asyncio.run(main())
    """
)


def test_the_first_call_imports_nothing() -> None:
    """Everything the first call needs (anyio's backend, httpcore, h11, certifi, the codecs) is imported with the
    package: an import in the middle of the first call holds the interpreter's import lock and stalls the loop."""
    out = subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout


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
