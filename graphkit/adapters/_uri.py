"""Which strings name a Neo4j database, and what one holds (kept apart so the CLI need not
import the driver)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import UsageError
from ..messages import t

#: URI schemes of the Bolt protocol that graphkit accepts for a Neo4j database.
STORE_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://",
                 "neo4j+ssc://")


def is_store_uri(text: str) -> bool:
    """Whether `text` names a Neo4j database rather than a file or folder.

    Examples
    --------
    >>> is_store_uri("bolt://127.0.0.1:7687"), is_store_uri("data/sihui")
    (True, False)
    """
    return text.lower().startswith(STORE_SCHEMES)


#: A host name (letters of any script, digits, dots, hyphens, underscores) or an IP address.
_HOST = re.compile(r"^(?:[\w.-]+|[0-9a-fA-F:.]+(?:%[\w.-]+)?)$")


@dataclass(frozen=True)
class StoreAddress:
    """A Neo4j URI taken apart: the URI without user info, and the user and password it
    held (``None`` when absent; percent-decoded).

    Attributes
    ----------
    uri : str
        What the driver is given and what messages show: never a password.
    user, password : str or None
    """

    uri: str
    user: str | None
    password: str | None


def parse_store_uri(text: str) -> StoreAddress:
    """Check a Neo4j URI and take its credentials out of it.

    Raises
    ------
    UsageError
        When `text` is not a bolt/neo4j URI, or has no host, or a port that is not a
        number in 1..65535. The message never shows a password.

    Examples
    --------
    >>> parse_store_uri("bolt://neo4j:s%40cret@db.local:7687")
    StoreAddress(uri='bolt://db.local:7687', user='neo4j', password='s@cret')
    >>> from graphkit import messages
    >>> with messages.use("en"):
    ...     try:
    ...         parse_store_uri("bolt://db.local:http")
    ...     except UsageError as exc:
    ...         print(str(exc).split(" (e.g.")[0])
    invalid Neo4j URI 'bolt://db.local:http': the port 'http' is not a number 1..65535
    """
    example = t("uri.example")
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # an unclosed IPv6 bracket
        raise UsageError(t("uri.unparsable", detail=exc, example=example)) from None
    user = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    netloc = parts.netloc.rpartition("@")[2]
    shown = urlunsplit(parts._replace(netloc=netloc)) if "@" in parts.netloc else text
    if not is_store_uri(text):
        raise UsageError(t("uri.scheme", uri=shown, example=example))
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raw = netloc.rpartition("]")[2].rpartition(":")[2]
        raise UsageError(t("uri.port", uri=shown, port=raw, example=example)) from None
    if not host:
        raise UsageError(t("uri.no_host", uri=shown, example=example))
    if not _HOST.match(host):
        raise UsageError(t("uri.bad_host", uri=shown, host=host, example=example))
    if parts.path not in ("", "/") or parts.fragment:
        raise UsageError(t("uri.path", uri=shown, example=example))
    if port == 0:
        raise UsageError(t("uri.port", uri=shown, port="0", example=example))
    return StoreAddress(shown, user or None, password)
