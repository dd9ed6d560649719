"""``python -m formance_orchestration``: the ``formance-orchestration`` command line."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
