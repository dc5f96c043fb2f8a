"""The exceptions winnow raises: one class per kind of failure of the C++ library (winnow/result.h)."""

from __future__ import annotations

import re


class Error(Exception):
    """A failure the winnow library reports; ``message`` says what went wrong and what to do.

    Subclasses name the kind (``kind`` holds the same as a string, e.g. ``"invalid_input"``).
    """

    kind = "error"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()  # InvalidInput -> "invalid_input"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InvalidInput(Error):
    """The input cannot be read as what it should be: binary data, an empty page, a malformed URL or time."""


class TooLarge(Error):
    """The input exceeds a configured limit (a size, or a count such as redirects)."""


class NotFound(Error):
    """What was asked for is not there: a URL or version not in the archive, a page answering 404/410."""


class Io(Error):
    """A file could not be opened, read or written (a missing directory, permission denied, no space)."""


class Unsupported(Error):
    """A valid request winnow does not handle: an unknown charset, an ftp:// URL, an archive from a newer winnow."""


class Network(Error):
    """The network or a server failed: no connection, DNS, TLS, a timeout, an HTTP error status."""


class Refused(Error):
    """A site's robots.txt does not allow the URL (or could not be read, which RFC 9309 makes a "no")."""


class Internal(Error):
    """A bug or resource failure inside winnow."""


# In the order of winnow::ErrorKind; the extension maps each kind to its class by position.
ERROR_CLASSES = (InvalidInput, TooLarge, NotFound, Io, Unsupported, Network, Refused, Internal)
