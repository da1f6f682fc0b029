"""Which strings name a Neo4j database (kept apart so the CLI need not import the driver)."""

from __future__ import annotations

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
