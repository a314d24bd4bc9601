//
// ManifestReader.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Reads a plugin manifest and checks it against schemas/sfe-plugin-manifest-1.0.xsd.
//

#ifndef SFE_HOST_MANIFESTREADER_H
#define SFE_HOST_MANIFESTREADER_H

#include "Manifest.h"

#include <libxml/xmlschemas.h>

#include <string>

namespace sfe {
namespace host {

/// Reads plugin manifests. The schema is compiled into the host (kManifestXsd), so a manifest is
/// checked without reading anything else from disk or network: documents are parsed with
/// XML_PARSE_NONET, entities are never loaded or substituted, and a DOCTYPE is refused outright.
/// After the schema, it checks what the schema cannot say: every C entry role is present, a
/// choice key's default is one of its allowed values, an integer key's default is an integer,
/// every role a capability of <access> names is declared there.
class ManifestReader
{
public:
    ManifestReader();
    /// Compiles the embedded schema. Throws Poco::IllegalStateException if it does not
    /// compile, which means the host was built wrongly.

    ~ManifestReader();

    ManifestReader(const ManifestReader&) = delete;
    ManifestReader& operator=(const ManifestReader&) = delete;

    Manifest read(const std::string& path) const;
    /// Reads the manifest at `path` and resolves its library to an absolute path relative to
    /// the manifest's folder. Throws PluginUnavailableException when the file cannot be read
    /// or is not a valid manifest; its message names the file and gives one
    /// "FILE:LINE:COL: problem" line per problem.

    static constexpr std::size_t kMaxBytes = 1024 * 1024;
    /// Manifests are small; anything larger is refused before parsing.

private:
    xmlSchemaPtr _schema;
};

}
} // namespace sfe::host

#endif
