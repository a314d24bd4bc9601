//
// Runtime.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Runtime.h"

#include "sfe/presenter/AuditPresenter.h"
#include "sfe/presenter/DefinitionPresenter.h"
#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/presenter/IntakePresenter.h"
#include "sfe/presenter/MappingPresenter.h"
#include "sfe/presenter/OutboxPresenter.h"
#include "sfe/presenter/PrivacyPresenter.h"
#include "sfe/presenter/ProgressPresenter.h"
#include "sfe/presenter/Json.h"
#include "sfe/presenter/Request.h"
#include "sfe/presenter/StorePresenter.h"
#include "sfe/runtime/Capabilities.h"
#include "sfe/runtime/Error.h"
#include "sfe/service/AuditExporter.h"
#include "sfe/service/AuditService.h"
#include "sfe/service/Checkpointer.h"
#include "sfe/service/SigningKeys.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/service/DeliveryService.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ImportService.h"
#include "sfe/service/LrsReader.h"
#include "sfe/service/MappingService.h"
#include "sfe/service/PrivacyService.h"
#include "sfe/service/ProgressService.h"
#include "sfe/service/PullService.h"
#include "sfe/service/StatementIntake.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/Database.h"
#include "sfe/store/LearnerRefs.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Utf8.h"

#include "sfe.h"

#include <Poco/Data/DataException.h>

namespace sfe {
namespace runtime {

namespace {

plugin::EvidencePlugin::Result failure(const Error& e)
{
    // Messages quote what they were given (a path, an id, a parser's excerpt): whatever it held,
    // the error object is valid UTF-8 JSON (escaped control characters are fine there).
    const std::string message =
        xapi::Utf8::check(e.message()).empty() ? e.message() : Error::printable(e.message(), e.message().size());
    auto o = presenter::object();
    o->set("status", e.status());
    o->set("error", Error::statusName(e.status()));
    o->set("message", message);
    if (!e.problems().empty())
    {
        Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
        for (const auto& p : e.problems())
        {
            auto po = presenter::object();
            po->set("file", Error::printable(p.file, p.file.size()));
            po->set("line", p.line);
            po->set("column", p.column);
            po->set("message",
                    xapi::Utf8::check(p.message).empty() ? p.message : Error::printable(p.message, p.message.size()));
            problems->add(po);
        }
        o->set("problems", problems);
    }
    return {e.status(), presenter::toJson(o), message};
}

} // namespace

Runtime::Runtime(plugin::HostServices& host):
    _host(host),
    _settings(Settings::from(host.config())),
    _db(std::make_unique<store::Database>(
        store::Database::Options{_settings.storeConnector, _settings.storeTarget(), _settings.storeBusyTimeoutMs,
                                 _settings.storeCacheMib, _settings.storeWalAutocheckpoint}))
{
    // Repositories are made per use case from the Database; services and presenters live here.
    _definitionCache = std::make_unique<service::DefinitionCache>(*_db);
    _definitionCache->preload();
    _statementFactory = std::make_unique<service::StatementFactory>(_settings);
    _mappingService = std::make_unique<service::MappingService>(*_db, *_definitionCache, *_statementFactory);
    _delivery = std::make_unique<service::DeliveryService>(_settings, _host.logger(), *_db);
    _learnerRefs = std::make_unique<store::LearnerRefs>(*_db);
    // Another process imported, mapped or erased: forget what this one cached (checked when each
    // call starts and again under the write lock, see store::Transaction).
    _db->onChange([this] {
        _definitionCache->invalidate();
        _learnerRefs->clearCache();
    });
    if (!_settings.auditSigningKey.empty() || !_settings.auditSigningCert.empty())
        _signingKeys = std::make_shared<service::SigningKeys>(_settings.auditSigningKey, _settings.auditSigningCert);
    _checkpointer = std::make_unique<service::Checkpointer>(*_db, _signingKeys, _settings.auditCheckpointEvery,
                                                            _settings.auditCheckpointSeconds);
    _progressService = std::make_unique<service::ProgressService>(
        *_db, *_definitionCache, *_statementFactory, service::AttainmentRule::parse(_settings.progressRule));
    _evidenceService = std::make_unique<service::EvidenceService>(
        *_db, *_definitionCache, *_statementFactory, *_learnerRefs, *_progressService, *_checkpointer, _signingKeys,
        _settings, [this] { _delivery->notify(); });
    definition::ReadOptions readOptions;
    readOptions.maxBytes = _settings.importMaxBytes;
    _importer = std::make_unique<service::ImportService>(
        *_db, readOptions, [this](const definition::Definition& d, const std::string& at) {
            _definitionCache->invalidate();
            return _mappingService->reviewAfterImport(d, at);
        });
    _definitions = std::make_unique<presenter::DefinitionPresenter>(*_importer, *_db, _host, audienceDefaults());
    _mappings = std::make_unique<presenter::MappingPresenter>(*_mappingService, _host, audienceDefaults());
    _evidence = std::make_unique<presenter::EvidencePresenter>(_host, *_evidenceService, audienceDefaults());
    _outbox = std::make_unique<presenter::OutboxPresenter>(*_delivery, *_db, _settings.lrsUrl);
    _progress =
        std::make_unique<presenter::ProgressPresenter>(*_progressService, *_evidenceService, _host, audienceDefaults());
    _auditService = std::make_unique<service::AuditService>(*_db, _checkpointer->verifier());
    _auditExporter = std::make_unique<service::AuditExporter>(*_db, *_checkpointer, _signingKeys);
    _audit = std::make_unique<presenter::AuditPresenter>(_host, *_auditService, *_checkpointer, *_auditExporter);
    _privacyService = std::make_unique<service::PrivacyService>(*_db, *_learnerRefs, _signingKeys);
    _privacy = std::make_unique<presenter::PrivacyPresenter>(_host, *_privacyService, _settings.lrsUrl);
    _store = std::make_unique<presenter::StorePresenter>(*_db);
    _lrsReader = std::make_unique<service::LrsReader>(_settings, _host.logger());
    _intake = std::make_unique<service::StatementIntake>(*_db, *_evidenceService, _settings);
    _pullService = std::make_unique<service::PullService>(*_db, *_lrsReader, *_intake);
    _intakePresenter = std::make_unique<presenter::IntakePresenter>(_host, *_pullService, *_intake);

    using presenter::Request;
    add("import", [this](const Request& r) { return _definitions->importDefinition(r); });
    add("skills", [this](const Request& r) { return _definitions->skills(r); });
    add("show", [this](const Request& r) { return _definitions->show(r); });
    add("versions", [this](const Request& r) { return _definitions->versions(r); });
    add("diff", [this](const Request& r) { return _definitions->diff(r); });
    add("use", [this](const Request& r) { return _definitions->use(r); });
    add("map", [this](const Request& r) { return _mappings->map(r); });
    add("unmap", [this](const Request& r) { return _mappings->unmap(r); });
    add("mappings", [this](const Request& r) { return _mappings->mappings(r); });
    add("coverage", [this](const Request& r) { return _mappings->coverage(r); });
    add("mappings.import", [this](const Request& r) { return _mappings->importCsv(r); });
    add("mappings.export", [this](const Request& r) { return _mappings->exportCsv(r); });
    add("complete", [this](const Request& r) { return _evidence->complete(r); });
    add("attest", [this](const Request& r) { return _evidence->attest(r); });
    add("record", [this](const Request& r) { return _evidence->record(r); });
    add("withdraw", [this](const Request& r) { return _evidence->withdraw(r); });
    add("pull", [this](const Request& r) { return _intakePresenter->pull(r); });
    add("record.statements", [this](const Request& r) { return _intakePresenter->recordStatements(r); });
    add("evidence", [this](const Request& r) { return _evidence->evidence(r); });
    add("evidence.show", [this](const Request& r) { return _evidence->show(r); });
    add("statements", [this](const Request& r) { return _evidence->statements(r); });
    add("progress", [this](const Request& r) { return _progress->progress(r); });
    add("verify", [this](const Request& r) { return _progress->verify(r); });
    add("audit.verify", [this](const Request& r) { return _audit->verify(r); });
    add("audit.export", [this](const Request& r) { return _audit->exportBundle(r); });
    add("audit.checkpoint", [this](const Request& r) { return _audit->checkpoint(r); });
    add("privacy.export", [this](const Request& r) { return _privacy->exportPerson(r); });
    add("privacy.erase", [this](const Request& r) { return _privacy->erase(r); });
    add("keys.generate", [this](const Request& r) { return _audit->generateKeys(r); });
    add("sync", [this](const Request& r) { return _outbox->sync(r); });
    add("outbox", [this](const Request& r) { return _outbox->outbox(r); });
    add("retry", [this](const Request& r) { return _outbox->retry(r); });
    add("store.stats", [this](const Request& r) { return _store->stats(r); });
    // Which roles may call what (runtime::Capabilities), for hosts deciding what to offer whom.
    add("capabilities", [this](const Request& r) {
        r.allowOnly({});
        return Capabilities::toJson(operations());
    });

    if (_delivery->configured() && _settings.lrsBackground) _delivery->startBackground();

    _host.logger().information("sfia-evidence " SFE_VERSION " started on store " + _db->target());
}

Runtime::~Runtime()
{
    stop();
}

void Runtime::stop()
{
    if (_delivery) _delivery->stop();                     // interrupts a sync running on another thread
    std::unique_lock<std::shared_mutex> lock(_stopMutex); // waits for calls in flight
    _db.reset();
}

std::vector<std::string> Runtime::operations() const
{
    std::vector<std::string> names;
    for (const auto& entry : _operations) names.push_back(entry.first);
    return names;
}

void Runtime::add(const std::string& operation, Handler handler)
{
    _operations.emplace(operation, std::move(handler));
}

plugin::EvidencePlugin::Result Runtime::call(const std::string& operation, std::string_view requestJson)
{
    try
    {
        auto it = _operations.find(operation);
        if (it == _operations.end()) throw Error::misuse("unknown operation '" + Error::printable(operation, 64) + "'");
        // Before any parsing: a request's cost is a few times its size, so its size is what is bounded.
        if (requestJson.size() > _settings.doorMaxRequestBytes)
            throw Error::invalid(operation + ": the request is " + std::to_string(requestJson.size()) +
                                 " bytes, more than door.max_request_bytes (" +
                                 std::to_string(_settings.doorMaxRequestBytes) +
                                 "); send fewer events per call, or raise door.max_request_bytes");
        presenter::Request request(operation, requestJson);
        // Who calls: a caller given is always checked; with auth.enforce it is required and its
        // roles must allow the request (runtime::Capabilities), before any presenter reads it.
        const std::optional<Caller> caller = Capabilities::callerOf(request);
        if (_settings.authEnforce) Capabilities::check(request, caller);
        // Calls run side by side, each on its own store session; stop() waits for them.
        std::shared_lock<std::shared_mutex> running(_stopMutex);
        if (!_db) throw Error::misuse(operation + ": the plugin is stopped");
        store::Database::Lease session(*_db);
        return {SFE_OK, it->second(request), ""};
    }
    catch (const Error& e)
    {
        return failure(e);
    }
    catch (const Poco::Data::DataException& e)
    {
        if (store::Transaction::isBusy(e))
            return failure(Error(SFE_BUSY, operation + ": the store is busy with another writer; try again (" +
                                               e.displayText() + ")"));
        return failure(Error(SFE_STORE, operation + ": store error: " + e.displayText()));
    }
    catch (const Poco::Exception& e)
    {
        return failure(Error(SFE_ERROR, operation + ": " + e.displayText()));
    }
    catch (const std::exception& e)
    {
        return failure(Error(SFE_ERROR, operation + ": " + e.what()));
    }
    catch (...)
    {
        return failure(Error(SFE_ERROR, operation + ": unknown error"));
    }
}

}
} // namespace sfe::runtime
