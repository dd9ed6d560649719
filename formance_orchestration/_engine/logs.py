"""The SDK's logger: silent unless asked, ``FORMANCE_LOG=debug|info`` to turn it on, and never a secret.

* The ``formance_orchestration`` logger gets a ``NullHandler``: with logging unconfigured, Python's last-resort
  handler would otherwise print the SDK's records on stderr (the standard library's advice for libraries).
* ``FORMANCE_LOG=debug`` (or ``info``) attaches one stderr handler to that logger only, as ``OPENAI_LOG`` does;
  the root logger and every other logger are left alone.
* A filter on the logger masks the credentials the SDK holds (client secrets, bearer and access tokens) wherever
  one appears in a record, as a whole token: a secret is replaced where it stands on its own (delimited by
  characters that cannot be part of a token), so a short secret does not garble every word containing it.
"""

from __future__ import annotations

import collections
import logging
import os
import re
import sys
import threading
import warnings
from urllib.parse import quote, quote_plus

__all__ = ["ENV_LOG", "LOGGER_NAME", "logger", "register_secret", "setup_from_env"]

LOGGER_NAME = "formance_orchestration"
ENV_LOG = "FORMANCE_LOG"
MASK = "***"

logger = logging.getLogger(LOGGER_NAME)

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"

# A secret is masked only where no word character touches it on either side: letters, digits and the other
# characters URLs leave unescaped ("-._~"). "/", "=", "&", "+", "%", quotes and spaces separate tokens, so a
# secret in a path segment or a query value is masked, while a short secret inside a longer word is left alone.
_TOKEN_CHARS = r"A-Za-z0-9._~-"
_MAX_SECRETS = 64  # the most recent ones: access tokens rotate every hour or so, old ones are no longer valid


class _SecretFilter(logging.Filter):
    """Masks every registered secret in a record's message and string attributes."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def add(self, secret: str) -> None:
        with self._lock:
            if secret in self._secrets:
                self._secrets.move_to_end(secret)
                return
            self._secrets[secret] = None
            while len(self._secrets) > _MAX_SECRETS:
                self._secrets.popitem(last=False)
            # Longest first: a secret that contains another one is masked whole.
            alternatives = "|".join(re.escape(s) for s in sorted(self._secrets, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<![{_TOKEN_CHARS}])(?:{alternatives})(?![{_TOKEN_CHARS}])")

    def mask(self, text: str) -> str:
        pattern = self._pattern
        return text if pattern is None else pattern.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        pattern = self._pattern
        if pattern is None:
            return True
        message = record.getMessage()
        masked = pattern.sub(MASK, message)
        if masked != message:
            record.msg, record.args = masked, None
        for key, value in list(record.__dict__.items()):
            if key not in ("msg", "message") and isinstance(value, str):
                new = pattern.sub(MASK, value)
                if new != value:
                    setattr(record, key, new)
        return True


_filter = _SecretFilter()
logger.addFilter(_filter)
logger.addHandler(logging.NullHandler())


_MIN_SECRET_CHARS = 8


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` (and its URL-encoded forms) in every later record of the SDK's logger.

    Secrets shorter than 8 characters are not registered: as whole tokens they are ordinary words ("test", "dev")
    that would be masked all over the records, and no real credential is that short.
    """
    if not secret or len(secret) < _MIN_SECRET_CHARS:
        return
    for form in {secret, quote_plus(secret), quote(secret, safe="")}:
        _filter.add(form)


def mask_secrets(text: str) -> str:
    """``text`` with every registered secret masked (as the logger's filter does)."""
    return _filter.mask(text)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (test runners and daemons replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


_handler: logging.Handler | None = None


def setup_from_env(environ: dict[str, str] | None = None) -> None:
    """Apply ``FORMANCE_LOG``: ``debug`` or ``info`` turns the SDK's logger on, printing to stderr."""
    global _handler
    value = (os.environ if environ is None else environ).get(ENV_LOG, "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:
        warnings.warn(f"{ENV_LOG}={value!r} is not one of: debug, info; ignored", RuntimeWarning, stacklevel=2)
        return
    if _handler is None:
        _handler = _StderrHandler()
        _handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(_handler)
    logger.setLevel(level)


setup_from_env()
