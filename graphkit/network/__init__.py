"""The network and its reading: one frozen, validated :class:`~graphkit.Dataset`.

Every input passes through here: files are read as text cells (:mod:`._input` bounds each
read, :mod:`._readers` parses CSV and workbooks), typed (:mod:`._parse`), checked against
SPEC section 1 (:mod:`.validation`) and coded as integers (:mod:`._network`) into a
:class:`~graphkit.Dataset` (:mod:`.dataset`). :mod:`.io` reads and writes dataset folders
and workbooks, :mod:`._atomic` writes every output whole or not at all, and :mod:`.privacy`
redacts or pseudonymizes members' personal data before anything leaves.
"""
