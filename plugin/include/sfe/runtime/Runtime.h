//
// Runtime.h
//
// Library: sfe_core
// Package: runtime
//
// The composition root: wires store, services and presenters, and runs operations by name.
//

#ifndef SFE_RUNTIME_RUNTIME_H
#define SFE_RUNTIME_RUNTIME_H

#include "sfe/presenter/Audience.h"
#include "sfe/plugin/EvidencePlugin.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/runtime/Settings.h"

#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sfe {
namespace store {
class Database;
class LearnerRefs;
}
namespace presenter {
class Request;
class DefinitionPresenter;
class MappingPresenter;
class EvidencePresenter;
class OutboxPresenter;
class ProgressPresenter;
class AuditPresenter;
class PrivacyPresenter;
class StorePresenter;
class IntakePresenter;
}
namespace service {
class ImportService;
class DefinitionCache;
class StatementFactory;
class MappingService;
class EvidenceService;
class DeliveryService;
class ProgressService;
class AuditService;
class Checkpointer;
class SigningKeys;
class PrivacyService;
class AuditExporter;
class LrsReader;
class StatementIntake;
class PullService;
}

namespace runtime {

/// One started plugin, whichever door it came through. Both doors hold a Runtime and forward
/// to call(), so they behave the same by construction.
class Runtime
{
public:
    /// Reads the settings, opens the store (migrating it) and starts background work.
    /// Throws runtime::Error (SFE_CONFIG, SFE_STORE). The host must outlive the Runtime.
    explicit Runtime(plugin::HostServices& host);
    ~Runtime();

    /// Stops background work and closes the store. Safe to call twice.
    void stop();

    /// Runs the named operation. Never throws; see EvidencePlugin::call. [thread-safe] Calls run
    /// side by side, each on its own store session: a long one (sync, audit.export, a large
    /// record) does not hold up the others; writers queue for the store's write lock.
    /// A request longer than door.max_request_bytes is refused (SFE_INVALID) before it is parsed.
    /// `requestJson` is read in place (borrowed for the call), never copied whole.
    plugin::EvidencePlugin::Result call(const std::string& operation, std::string_view requestJson);

    /// The names of the operations call() runs, in order (each must be in runtime::Capabilities).
    std::vector<std::string> operations() const;

    const Settings& settings() const { return _settings; }
    /// ui.language and ui.time_zone, for presenters that write what people read.
    presenter::Audience::Defaults audienceDefaults() const { return {_settings.uiLanguage, _settings.uiTimeZone}; }
    plugin::HostServices& host() { return _host; }
    store::Database& database() { return *_db; }

private:
    using Handler = std::function<std::string(const presenter::Request&)>;
    void add(const std::string& operation, Handler handler);

    plugin::HostServices& _host;
    Settings _settings;
    std::unique_ptr<store::Database> _db;
    std::unique_ptr<service::DeliveryService> _delivery;
    std::unique_ptr<store::LearnerRefs> _learnerRefs;
    std::unique_ptr<service::DefinitionCache> _definitionCache;
    std::unique_ptr<service::StatementFactory> _statementFactory;
    std::unique_ptr<service::MappingService> _mappingService;
    std::unique_ptr<service::ProgressService> _progressService;
    std::unique_ptr<service::EvidenceService> _evidenceService;
    std::shared_ptr<const service::SigningKeys> _signingKeys;
    std::unique_ptr<service::Checkpointer> _checkpointer;
    std::unique_ptr<service::AuditService> _auditService;
    std::unique_ptr<service::AuditExporter> _auditExporter;
    std::unique_ptr<service::PrivacyService> _privacyService;
    std::unique_ptr<service::ImportService> _importer;
    std::unique_ptr<presenter::DefinitionPresenter> _definitions;
    std::unique_ptr<presenter::MappingPresenter> _mappings;
    std::unique_ptr<presenter::EvidencePresenter> _evidence;
    std::unique_ptr<presenter::OutboxPresenter> _outbox;
    std::unique_ptr<presenter::ProgressPresenter> _progress;
    std::unique_ptr<presenter::AuditPresenter> _audit;
    std::unique_ptr<presenter::PrivacyPresenter> _privacy;
    std::unique_ptr<presenter::StorePresenter> _store;
    std::unique_ptr<service::LrsReader> _lrsReader;
    std::unique_ptr<service::StatementIntake> _intake;
    std::unique_ptr<service::PullService> _pullService;
    std::unique_ptr<presenter::IntakePresenter> _intakePresenter;
    std::map<std::string, Handler> _operations;
    std::shared_mutex _stopMutex; ///< calls hold it shared; stop() exclusively
};

}
} // namespace sfe::runtime

#endif
