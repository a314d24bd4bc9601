//
// ImportService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ImportService.h"

#include "sfe/runtime/Error.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/Transaction.h"

#include "sfe.h"

namespace sfe {
namespace service {

ImportService::ImportService(store::Database& db, definition::ReadOptions options, MappingFlagger flagger):
    _db(db),
    _reader(options),
    _flagger(std::move(flagger))
{
}

ImportOutcome ImportService::importFile(const std::string& path, const Poco::Timestamp& now)
{
    return store(_reader.readFile(path), now);
}

ImportOutcome ImportService::importBuffer(const std::string& bytes, const std::string& name, const Poco::Timestamp& now)
{
    return store(_reader.readBuffer(bytes, name), now);
}

ImportOutcome ImportService::store(const definition::ReadResult& read, const Poco::Timestamp& now)
{
    if (!read.ok()) throw runtime::Error(SFE_INVALID, read.message(), read.problems);
    const definition::Definition& d = *read.definition;

    ImportOutcome outcome;
    outcome.definitionSha256 = d.contentSha256;
    for (const auto& skill : d.skills) outcome.skills.push_back(skill.code);

    store::DefinitionRepository definitions(_db);
    store::Transaction tx(_db);
    if (definitions.contains(d.contentSha256))
    {
        outcome.unchanged = true;
        return outcome;     // the transaction rolls back: nothing was written
    }
    const std::string at = xapi::Timestamp::format(now);
    definitions.add(d, at);
    if (_flagger) outcome.flaggedMappings = _flagger(d, at);
    tx.commit();
    return outcome;
}

} } // namespace sfe::service
