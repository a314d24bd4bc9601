"""Statement bodies and evidence-log entries as the store keeps them since schema 8 (store::StoredText):
one version byte, then raw deflate with that version's preset dictionary: version 1 the built-in one,
version 2 (schema 10) one of the store's own (table text_dictionaries), named by a varint id and the
CRC-32 of its bytes. Tests that read or tamper
with those texts through SQL call plain_text(store) first: it writes every compressed text back into
its text column as plain text (the _z column NULL), which the plugin reads as before."""

import os
import zlib

_DICTIONARY_1 = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stored_text_v1.dict"), "rb").read()


def _bytes(value):
    if isinstance(value, str):
        return bytes.fromhex(value[2:] if value.startswith("\\x") else value)
    return bytes(value)


def version(value):
    """The encoding version (first byte) of an encoded value."""
    return _bytes(value)[0]


def decode(value, store=None):
    """The text of an encoded value (bytes from SQLite, '\\x..' hex text from PostgreSQL); a version 2
    value needs the store (cli.Store) whose dictionary it names."""
    value = _bytes(value)
    if value and value[0] == 2 and store is not None:
        at, ident, shift = 1, 0, 0
        while value[at] & 0x80:
            ident |= (value[at] & 0x7F) << shift
            at, shift = at + 1, shift + 7
        ident |= value[at] << shift
        at += 1
        rows = store.rows("SELECT bytes FROM text_dictionaries WHERE id = %d" % ident)
        dictionary = _bytes(rows[0][0])
        if zlib.crc32(dictionary) != int.from_bytes(value[at:at + 4], "big"):
            raise ValueError("stored text names dictionary %d, whose checksum differs" % ident)
        inflater = zlib.decompressobj(-15, zdict=dictionary)
        return (inflater.decompress(value[at + 4:]) + inflater.flush()).decode("utf-8")
    if not value or value[0] != 1:
        raise ValueError("stored text of unknown encoding version %r" % (value[:1],))
    inflater = zlib.decompressobj(-15, zdict=_DICTIONARY_1)
    return (inflater.decompress(value[1:]) + inflater.flush()).decode("utf-8")


def plain_text(store):
    """Rewrites the store's compressed bodies and log entries as plain text (cli.Store)."""
    for table, column in (("statements", "body"), ("evidence_log", "content")):
        for seq, encoded in store.rows("SELECT seq, %s_z FROM %s WHERE %s_z IS NOT NULL" % (column, table, column)):
            store.execute("UPDATE %s SET %s = ?, %s_z = NULL WHERE seq = ?" % (table, column, column),
                          (decode(encoded, store), int(seq)))
