"""``python -m formance_orchestration.testing``: serve the fake over HTTP (wall clock)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from ._fake import FakeOrchestration


def _credentials(values: Sequence[str]) -> dict[str, str] | None:
    if not values:
        return None
    pairs: dict[str, str] = {}
    for value in values:
        client_id, sep, secret = value.partition(":")
        if not sep:
            raise SystemExit(f"--client expects ID:SECRET, got {value!r}")
        pairs[client_id] = secret
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m formance_orchestration.testing",
        description="In-memory Formance Orchestration v2 server (faithful to the real one) for tests.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--semantics", choices=("faithful", "documented"), default="faithful")
    parser.add_argument("--require-auth", action="store_true", help="v2 endpoints need a token from the fake")
    parser.add_argument("--client", action="append", default=[], metavar="ID:SECRET", help="accepted credentials")
    parser.add_argument("--version", default="develop", help="what GET /_info reports")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    fake = FakeOrchestration(
        realtime=True,
        semantics=args.semantics,
        require_auth=args.require_auth,
        client_credentials=_credentials(args.client),
        version=args.version,
    )

    def ready(url: str) -> None:
        print(f"Fake Formance Orchestration listening on {url}", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        fake.serve(args.host, args.port, verbose=not args.quiet, ready=ready)
    return 0


if __name__ == "__main__":
    sys.exit(main())
