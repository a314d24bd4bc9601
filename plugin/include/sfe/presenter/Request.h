//
// Request.h
//
// Library: sfe_core
// Package: presenter
//
// Typed, checked access to an operation's JSON arguments.
//

#ifndef SFE_PRESENTER_REQUEST_H
#define SFE_PRESENTER_REQUEST_H

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace presenter {

/// An operation's request object. Every accessor names the operation and the field in its
/// error (runtime::Error, SFE_INVALID), e.g. "show: 'level' must be an integer".
class Request
{
public:
    /// Parses `json` (empty means {}). Throws SFE_INVALID if it is not a JSON object.
    Request(const std::string& operation, const std::string& json);
    /// A request over an object already parsed (an element of a batch).
    Request(const std::string& operation, Poco::JSON::Object::Ptr object);

    const std::string& operation() const { return _operation; }
    bool has(const std::string& key) const;

    std::string string(const std::string& key) const;                      ///< required, non-empty
    std::optional<std::string> optString(const std::string& key) const;
    std::optional<int> optInt(const std::string& key) const;
    std::optional<double> optNumber(const std::string& key) const;
    std::optional<bool> optBool(const std::string& key) const;
    std::vector<std::string> strings(const std::string& key) const;        ///< optional array of strings
    /// A required array of objects, each as a Request named "<operation> <key>[i]".
    std::vector<Request> objects(const std::string& key) const;
    /// The raw value of a key (null when absent).
    Poco::Dynamic::Var value(const std::string& key) const;

    /// The same request under another name (for messages), e.g. "event 3 (attest)".
    Request renamed(const std::string& operation) const { return Request(operation, _object); }

    /// Throws SFE_INVALID naming the first field that is not one of `known`: a misspelt field
    /// must not be dropped silently.
    void allowOnly(std::initializer_list<const char*> known) const;

    /// Throws SFE_INVALID naming the field and the reason.
    [[noreturn]] void fail(const std::string& key, const std::string& reason) const;

private:
    std::string _operation;
    Poco::JSON::Object::Ptr _object;
};

} } // namespace sfe::presenter

#endif
