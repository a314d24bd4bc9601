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

/// `text` with every secret of a URL or connection string it holds replaced by "***": the
/// user-info of a URL (`https://key:secret@lrs` → `https://***@lrs`; a PostgreSQL URL keeps its
/// user name: `postgresql://user:***@host`), also when the URL is mistyped (`https:/key:secret@lrs`,
/// `key:secret@lrs`), and libpq's `password=secret` / `password='a secret'` pairs. Use it on any
/// configuration value, or any library message that may repeat one, before it reaches a log or an
/// error. It over-redacts rather than leaks: anything before an '@' in a word counts as user-info.
std::string redactSecrets(const std::string& text);

}
} // namespace sfe::runtime

#endif
