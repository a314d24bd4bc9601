//
// Secrets.h
//
// Library: sfe_core
// Package: runtime
//
// Keeps passwords out of what the plugin prints.
//

#ifndef SFE_RUNTIME_SECRETS_H
#define SFE_RUNTIME_SECRETS_H

#include <string>

namespace sfe {
namespace runtime {

/// `text` with every password it holds replaced by "***": the password of a URI's user-info
/// (`scheme://user:secret@host` → `scheme://user:***@host`, for lrs.url and postgresql:// store
/// URLs) and libpq's `password=secret` / `password='a secret'` pairs. Use it on any configuration
/// value, or any library message that may repeat one, before it reaches a log or an error.
std::string redactSecrets(const std::string& text);

} } // namespace sfe::runtime

#endif
