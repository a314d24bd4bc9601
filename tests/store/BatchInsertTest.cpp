//
// BatchInsertTest.cpp
//
// store::BatchInsert and, on PostgreSQL, store::PgStatement under it: what a batch writes is exactly
// what was bound, whatever the type and however many pipelines it takes; a refused row names its
// table and row and leaves nothing of the batch behind; sequences hand out consecutive numbers.
// Runs on SQLite and, as store_batch_insert_pg, on PostgreSQL.
//

#include "TestHost.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/BatchInsert.h"
#include "sfe/store/Database.h"
#include "sfe/store/KeyLookup.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/Transaction.h"

#include "sfe.h"

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>

#include <boost/test/unit_test.hpp>

#include <limits>
#include <string>
#include <vector>

using namespace Poco::Data::Keywords;
using sfe::store::BatchInsert;
using sfe::store::Database;
using sfe::store::Transaction;
using sfe::test::TestPlugin;

namespace {

/// A started plugin on a fresh store (SQLite, or PostgreSQL under SFE_TEST_PG) with a table `probe`
/// of every column type BatchInsert binds.
struct Probe: TestPlugin
{
    Probe()
    {
        start();
        const bool pg = onPostgreSQL();
        db().session() << std::string("CREATE TABLE probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL, big ") +
                              (pg ? "BIGINT" : "INTEGER") + ", ratio " + (pg ? "DOUBLE PRECISION" : "REAL") +
                              ", bytes " + (pg ? "BYTEA" : "BLOB") + ", note TEXT)",
            now;
    }

    Database& db() { return runtime->database(); }

    long long count()
    {
        Poco::Int64 n = -1;
        db().session() << "SELECT COUNT(*) FROM probe", into(n), now;
        return n;
    }
};

/// Rows that cover what a store must keep exactly: quotes, placeholders and non-ASCII in text,
/// extreme integers, doubles that only 17 digits give back, bytes with NULs, empty values and NULLs.
struct Rows
{
    explicit Rows(int n)
    {
        for (int i = 0; i < n; ++i)
        {
            id.push_back(i + 1);
            label.push_back(i % 7 == 0 ? std::string()
                                       : "Zeile " + std::to_string(i) + " 'quoted' ? $1 \"Kundenservice\" äöü ✓");
            big.push_back(i == 0   ? std::numeric_limits<Poco::Int64>::max()
                          : i == 1 ? std::numeric_limits<Poco::Int64>::min()
                                   : static_cast<Poco::Int64>(i) * 1000003);
            ratio.push_back(i == 0 ? 0.1 : i == 1 ? 1e308 : i == 2 ? -2.5e-300 : 1.0 / (i + 3));
            std::vector<unsigned char> b;
            for (int k = 0; k < i % 5; ++k) b.push_back(static_cast<unsigned char>((i * 31 + k) & 0xff));
            if (i % 3 == 0) b.push_back(0);
            bytes.emplace_back(b);
            note.push_back(i % 2 ? Poco::Nullable<std::string>("note " + std::to_string(i))
                                 : Poco::Nullable<std::string>());
        }
    }

    void insert(Database& db)
    {
        BatchInsert::rows(db, "INSERT INTO probe(id, label, big, ratio, bytes, note) VALUES (?, ?, ?, ?, ?, ?)", id,
                          label, big, ratio, bytes, note);
    }

    std::vector<int> id;
    std::vector<std::string> label;
    std::vector<Poco::Int64> big;
    std::vector<double> ratio;
    std::vector<Poco::Data::BLOB> bytes;
    std::vector<Poco::Nullable<std::string>> note;
};

} // namespace

BOOST_AUTO_TEST_SUITE(batch_insert)

BOOST_FIXTURE_TEST_CASE(every_value_comes_back_as_bound_across_several_pipelines, Probe)
{
    // More rows than PgStatement sends per round trip, and not a multiple of it.
    const int n = static_cast<int>(2 * sfe::store::PgStatement::kPipelineRows + 45);
    Rows rows(n);
    {
        Database::Lease lease(db());
        Transaction transaction(db());
        rows.insert(db());
        transaction.commit();
    }
    BOOST_REQUIRE_EQUAL(count(), n);

    Rows back(0);
    db().session() << "SELECT id, label, big, ratio, bytes, note FROM probe ORDER BY id", into(back.id),
        into(back.label), into(back.big), into(back.ratio), into(back.bytes), into(back.note), now;
    BOOST_REQUIRE_EQUAL(back.id.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
    {
        BOOST_TEST_CONTEXT("row " << i + 1)
        {
            BOOST_TEST(back.id[i] == rows.id[i]);
            BOOST_TEST(back.label[i] == rows.label[i]);
            BOOST_TEST(back.big[i] == rows.big[i]);
            BOOST_TEST(back.ratio[i] == rows.ratio[i]); // exactly: the same double
            BOOST_TEST(back.bytes[i].content() == rows.bytes[i].content());
            BOOST_TEST(back.note[i].isNull() == rows.note[i].isNull());
            if (!back.note[i].isNull() && !rows.note[i].isNull())
                BOOST_TEST(back.note[i].value() == rows.note[i].value());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_refused_row_is_named_and_nothing_of_its_batch_stays, Probe)
{
    const int n = static_cast<int>(sfe::store::PgStatement::kPipelineRows + 30);
    Rows rows(n);
    const int duplicate = n - 10; // in the second pipeline on PostgreSQL
    rows.id[duplicate - 1] = 3;
    {
        Database::Lease lease(db());
        Transaction transaction(db());
        try
        {
            rows.insert(db());
            BOOST_FAIL("a batch with a duplicate key went in");
        }
        catch (const sfe::runtime::Error& e)
        {
            BOOST_TEST(e.status() == SFE_STORE);
            BOOST_TEST(e.message().find("probe") != std::string::npos, e.message());
            BOOST_TEST(e.message().find("row " + std::to_string(duplicate) + " ") != std::string::npos, e.message());
        }
    } // rolled back
    BOOST_TEST(count() == 0);

    // The connection is clean for the next transaction.
    Rows good(3);
    {
        Database::Lease lease(db());
        Transaction transaction(db());
        good.insert(db());
        transaction.commit();
    }
    BOOST_TEST(count() == 3);
}

BOOST_FIXTURE_TEST_CASE(columns_of_different_lengths_are_refused_before_anything_is_written, Probe)
{
    Rows rows(4);
    rows.note.pop_back();
    Database::Lease lease(db());
    Transaction transaction(db());
    BOOST_CHECK_EXCEPTION(rows.insert(db()), sfe::runtime::Error, [](const sfe::runtime::Error& e) {
        return e.status() == SFE_STORE && e.message().find("probe") != std::string::npos &&
               e.message().find("hold 4 and 3 values") != std::string::npos;
    });
    transaction.commit();
    BOOST_TEST(count() == 0);
}

BOOST_FIXTURE_TEST_CASE(a_sequence_hands_out_consecutive_numbers_and_survives_a_rollback_only_if_committed, Probe)
{
    Database::Lease lease(db());
    {
        Transaction transaction(db());
        BOOST_TEST(db().nextSequence("probe_numbers") == 1);    // a new sequence starts at 1
        BOOST_TEST(db().nextSequence("probe_numbers", 5) == 2); // 2…6
        BOOST_TEST(db().nextSequence("probe_numbers") == 7);
        transaction.commit();
    }
    {
        Transaction transaction(db());
        BOOST_TEST(db().nextSequence("probe_numbers", 10) == 8);
    } // rolled back: 8…17 were never taken
    Transaction transaction(db());
    BOOST_TEST(db().nextSequence("probe_numbers") == 8);
    transaction.commit();
}

BOOST_FIXTURE_TEST_CASE(a_key_lookup_gives_the_rows_of_the_keys_held_and_none_for_the_others, Probe)
{
    const int n = static_cast<int>(sfe::store::PgStatement::kPipelineRows + 20);
    Rows rows(n);
    {
        Database::Lease lease(db());
        Transaction transaction(db());
        rows.insert(db());
        transaction.commit();
    }
    // Every third id held, the others not; across more than one pipeline; a label with quotes.
    std::vector<std::string> keys;
    for (int i = 1; i <= 3 * n; ++i) keys.push_back(std::to_string(i % 3 == 0 ? i / 3 : n + i));
    std::vector<std::string> ids, labels, notes;
    Database::Lease lease(db());
    sfe::store::KeyLookup::rows(db(), "SELECT id, label, note FROM probe WHERE id = CAST(? AS INTEGER)", keys, ids,
                                labels, notes);
    BOOST_REQUIRE_EQUAL(ids.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
    {
        BOOST_TEST(ids[i] == std::to_string(i + 1)); // in the order of the keys
        BOOST_TEST(labels[i] == rows.label[i]);
        BOOST_TEST(notes[i] == (rows.note[i].isNull() ? std::string() : rows.note[i].value()));
    }
}

BOOST_AUTO_TEST_SUITE_END()
