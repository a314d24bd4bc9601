//
// PlainText.h
//
// Tests that tamper with a store through SQL (replace(body, ...), REPLACE(content, ...)) first turn
// its compressed statement bodies and log entries (store::StoredText, schema 8) back into plain text
// in the text columns, the form every reader still accepts, so the SQL edits the text as before.
//

#ifndef SFE_TEST_PLAINTEXT_H
#define SFE_TEST_PLAINTEXT_H

#include "sfe/store/StoredText.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

#include <string>
#include <vector>

namespace sfe {
namespace test {

/// Rewrites every row of statements and evidence_log with a compressed text as plain text (the
/// _z column NULL). `sql` turns portable SQL into the store's dialect (TestPlugin::sql).
template<typename Sql>
void storeAsPlainText(Poco::Data::Session session, Sql sql)
{
    using namespace Poco::Data::Keywords;
    const std::pair<const char*, const char*> columns[] = {{"statements", "body"}, {"evidence_log", "content"}};
    for (const auto& [table, column] : columns)
    {
        std::vector<Poco::Int64> keys;
        std::vector<Poco::Data::BLOB> blobs;
        session << std::string("SELECT seq, ") + column + "_z FROM " + table + " WHERE " + column + "_z IS NOT NULL",
            into(keys), into(blobs), now;
        for (std::size_t i = 0; i < keys.size(); ++i)
        {
            std::string text = store::StoredText::decode(
                std::string(reinterpret_cast<const char*>(blobs[i].rawContent()), blobs[i].size()), table);
            Poco::Int64 key = keys[i];
            session << sql(std::string("UPDATE ") + table + " SET " + column + " = ?, " + column +
                           "_z = NULL WHERE seq = ?"),
                use(text), use(key), now;
        }
    }
}

}
} // namespace sfe::test

#endif
