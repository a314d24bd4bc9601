"""Statement bodies and evidence-log entries as the store keeps them since schema 8 (store::StoredText):
one version byte, then raw deflate with that version's preset dictionary. Tests that read or tamper
with those texts through SQL call plain_text(store) first: it writes every compressed text back into
its text column as plain text (the _z column NULL), which the plugin reads as before."""

import os
import zlib

_DICTIONARY_1 = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stored_text_v1.dict"), "rb").read()


def decode(value):
    """The text of an encoded value (bytes from SQLite, '\\x..' hex text from PostgreSQL)."""
    if isinstance(value, str):
        value = bytes.fromhex(value[2:] if value.startswith("\\x") else value)
    if not value or value[0] != 1:
        raise ValueError("stored text of unknown encoding version %r" % (value[:1],))
    inflater = zlib.decompressobj(-15, zdict=_DICTIONARY_1)
    return (inflater.decompress(value[1:]) + inflater.flush()).decode("utf-8")


def plain_text(store):
    """Rewrites the store's compressed bodies and log entries as plain text (cli.Store)."""
    for table, column in (("statements", "body"), ("evidence_log", "content")):
        for seq, encoded in store.rows("SELECT seq, %s_z FROM %s WHERE %s_z IS NOT NULL" % (column, table, column)):
            store.execute("UPDATE %s SET %s = ?, %s_z = NULL WHERE seq = ?" % (table, column, column),
                          (decode(encoded), int(seq)))
