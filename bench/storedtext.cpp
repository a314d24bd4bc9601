//
// storedtext.cpp
//
// sfe-bench-storedtext: store::StoredText::encode alone, on the texts of a store (statement bodies
// and evidence-log entries as sfe-bench-ingest writes them), next to zlib run other ways in the
// same run: other levels, memLevel and windowBits, a primed stream copied instead of the preset
// dictionary set again, no dictionary. CPU time of this thread per text and the mean size of each.
//
// usage: sfe-bench-storedtext --store FILE [--texts N] [--rounds N]
//   FILE is an SQLite store of schema 8 or later, e.g. service.db of `sfe-bench-ingest --keep`.
//

#include "Stopwatch.h"

#include "sfe/store/StoredText.h"

#include <sqlite3.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using sfe::store::StoredText;

/// Up to `limit` decoded texts of one encoded column of the store.
std::vector<std::string> texts(sqlite3* db, const std::string& table, const std::string& column, int limit)
{
    std::vector<std::string> out;
    const std::string sql =
        "SELECT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL LIMIT " + std::to_string(limit);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    while (sqlite3_step(s) == SQLITE_ROW)
    {
        const std::string bytes(static_cast<const char*>(sqlite3_column_blob(s, 0)),
                                static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
        out.push_back(StoredText::decode(bytes, table + " row"));
    }
    sqlite3_finalize(s);
    return out;
}

/// A deflate configuration: compresses one text into `out`, returns the bytes written (plus the
/// version byte the store adds, so sizes compare with StoredText's).
using Compress = std::function<std::size_t(const std::string& text, std::string& out)>;

struct Raw
{
    Raw(int level, int windowBits, int memLevel, const std::string* dictionary):
        dict(dictionary)
    {
        if (deflateInit2(&z, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY) != Z_OK)
            throw std::runtime_error("deflateInit2");
    }
    ~Raw() { deflateEnd(&z); }

    std::size_t run(const std::string& text, std::string& out)
    {
        deflateReset(&z);
        if (dict)
            deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict->data()), static_cast<uInt>(dict->size()));
        return finish(z, text, out);
    }

    static std::size_t finish(z_stream& s, const std::string& text, std::string& out)
    {
        out.resize(deflateBound(&s, static_cast<uLong>(text.size())) + 1);
        s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
        s.avail_in = static_cast<uInt>(text.size());
        s.next_out = reinterpret_cast<Bytef*>(&out[0]);
        s.avail_out = static_cast<uInt>(out.size());
        if (deflate(&s, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
        return out.size() - s.avail_out + 1;
    }

    z_stream z{};
    const std::string* dict;
};

struct Row
{
    std::string name;
    double usBody = 0, usLog = 0, bytesBody = 0, bytesLog = 0;
};

Row measure(const std::string& name, const Compress& compress, const std::vector<std::string>& bodies,
            const std::vector<std::string>& logs, int rounds)
{
    Row row{name};
    std::string out;
    for (int part = 0; part < 2; ++part)
    {
        const std::vector<std::string>& set = part == 0 ? bodies : logs;
        double bytes = 0;
        for (const std::string& t : set) bytes += static_cast<double>(compress(t, out));
        sfe::bench::Stopwatch watch;
        watch.start();
        for (int r = 0; r < rounds; ++r)
            for (const std::string& t : set) compress(t, out);
        watch.stop();
        const double us = watch.total().cpu * 1e6 / (static_cast<double>(rounds) * static_cast<double>(set.size()));
        (part == 0 ? row.usBody : row.usLog) = us;
        (part == 0 ? row.bytesBody : row.bytesLog) = bytes / static_cast<double>(set.size());
    }
    return row;
}

} // namespace

int main(int argc, char** argv)
{
    std::string store;
    int limit = 5000, rounds = 5;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--store" && i + 1 < argc) store = argv[++i];
        else if (a == "--texts" && i + 1 < argc) limit = std::atoi(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else
        {
            std::cerr << "usage: sfe-bench-storedtext --store FILE [--texts N] [--rounds N]\n"
                         "  FILE: an SQLite store of schema 8 or later (service.db of sfe-bench-ingest --keep)\n";
            return 2;
        }
    }
    if (store.empty() || limit <= 0 || rounds <= 0)
    {
        std::cerr << "sfe-bench-storedtext: --store FILE is required (and --texts, --rounds above 0)\n";
        return 2;
    }
    try
    {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error(store + ": " + sqlite3_errmsg(db));
        // The store's own dictionaries (schema 10), which its version 2 texts are encoded with.
        std::shared_ptr<const StoredText::Dictionary> storeDictionary;
        {
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT id, bytes FROM text_dictionaries ORDER BY id", -1, &s, nullptr) ==
                SQLITE_OK)
                while (sqlite3_step(s) == SQLITE_ROW)
                {
                    storeDictionary = StoredText::dictionary(
                        sqlite3_column_int64(s, 0), std::string(static_cast<const char*>(sqlite3_column_blob(s, 1)),
                                                                static_cast<std::size_t>(sqlite3_column_bytes(s, 1))));
                    StoredText::remember(storeDictionary);
                }
            sqlite3_finalize(s);
        }
        const std::vector<std::string> bodies = texts(db, "statements", "body_z", limit);
        const std::vector<std::string> logs = texts(db, "evidence_log", "content_z", limit);
        sqlite3_close(db);
        if (bodies.empty() || logs.empty()) throw std::runtime_error(store + ": no encoded rows (schema 8 or later?)");

        for (const std::vector<std::string>* set : {&bodies, &logs})
            for (const std::string& t : *set)
                if (StoredText::decode(StoredText::encode(t), "round trip") != t)
                    throw std::runtime_error("decode(encode(text)) differs from the text");

        const std::string& dict = StoredText::dictionary(1);
        double plainBody = 0, plainLog = 0;
        for (const std::string& t : bodies) plainBody += static_cast<double>(t.size());
        for (const std::string& t : logs) plainLog += static_cast<double>(t.size());
        std::printf("sfe-bench-storedtext: %zu statement bodies (mean %.0f bytes), %zu log entries (mean %.0f bytes), "
                    "%d rounds; CPU time of this thread\n",
                    bodies.size(), plainBody / static_cast<double>(bodies.size()), logs.size(),
                    plainLog / static_cast<double>(logs.size()), rounds);

        std::vector<Row> rows;
        if (storeDictionary)
            rows.push_back(measure(
                "StoredText::encode, the store's dictionary",
                [&storeDictionary](const std::string& t, std::string&) {
                    return StoredText::encode(t, storeDictionary.get()).size();
                },
                bodies, logs, rounds));
        if (storeDictionary)
        {
            // The baseline of the row above: what encode() did before it kept primed streams (a
            // reset and the dictionary set again for every text); the same deflate bytes.
            Raw perText(6, -15, 8, &storeDictionary->bytes);
            rows.push_back(measure(
                "the same, dictionary set per text (before)",
                [&perText](const std::string& t, std::string& out) { return perText.run(t, out); }, bodies, logs,
                rounds));
        }
        rows.push_back(measure(
            "StoredText::encode, version 1",
            [](const std::string& t, std::string&) { return StoredText::encode(t).size(); }, bodies, logs, rounds));
        struct Config
        {
            const char* name;
            int level, windowBits, memLevel;
            bool dictionary;
        };
        const Config configs[] = {
            {"zlib level 6, wbits 15, mem 8, dictionary", 6, -15, 8, true},
            {"zlib level 6, wbits 14, mem 7, dictionary", 6, -14, 7, true},
            {"zlib level 6, wbits 14, mem 6, dictionary", 6, -14, 6, true},
            {"zlib level 9, dictionary", 9, -15, 8, true},
            {"zlib level 3, dictionary", 3, -15, 8, true},
            {"zlib level 2, dictionary", 2, -15, 8, true},
            {"zlib level 1, dictionary", 1, -15, 8, true},
            {"zlib level 6, no dictionary", 6, -15, 8, false},
            {"zlib level 1, no dictionary", 1, -15, 8, false},
        };
        for (const Config& c : configs)
        {
            Raw raw(c.level, c.windowBits, c.memLevel, c.dictionary ? &dict : nullptr);
            rows.push_back(measure(
                c.name, [&raw](const std::string& t, std::string& out) { return raw.run(t, out); }, bodies, logs,
                rounds));
        }
        {
            // A stream primed with the dictionary once, copied for each text (deflateCopy allocates).
            Raw primed(6, -15, 8, nullptr);
            deflateSetDictionary(&primed.z, reinterpret_cast<const Bytef*>(dict.data()),
                                 static_cast<uInt>(dict.size()));
            rows.push_back(measure(
                "zlib level 6, primed stream copied",
                [&primed](const std::string& t, std::string& out) {
                    z_stream z{};
                    if (deflateCopy(&z, &primed.z) != Z_OK) throw std::runtime_error("deflateCopy");
                    const std::size_t n = Raw::finish(z, t, out);
                    deflateEnd(&z);
                    return n;
                },
                bodies, logs, rounds));
        }
        {
            Raw raw(6, -15, 8, nullptr);
            rows.push_back(measure(
                "deflateReset + deflateSetDictionary alone",
                [&raw, &dict](const std::string&, std::string&) {
                    deflateReset(&raw.z);
                    deflateSetDictionary(&raw.z, reinterpret_cast<const Bytef*>(dict.data()),
                                         static_cast<uInt>(dict.size()));
                    return std::size_t(0);
                },
                bodies, logs, rounds));
        }
        std::printf("\n%-46s %10s %10s %10s %10s\n", "", "body us", "body B", "log us", "log B");
        for (const Row& r : rows)
            std::printf("%-46s %10.1f %10.0f %10.1f %10.0f\n", r.name.c_str(), r.usBody, r.bytesBody, r.usLog,
                        r.bytesLog);
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe-bench-storedtext: " << e.what() << "\n";
        return 1;
    }
}
