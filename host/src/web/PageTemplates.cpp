//
// PageTemplates.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The web host's own pages (login, errors, the auditor's search, the navigation), from Mustache templates.
//

#include "web/PageTemplates.h"

#include "sfe/EmbeddedFile.h"
#include "sfe/i18n/PageRenderer.h"

#include <Poco/Exception.h>

namespace sfe {
namespace host {
namespace web {

extern const EmbeddedFile kWebTemplates[];

std::string PageTemplates::render(const std::string& name, const Poco::JSON::Object& view)
{
    try
    {
        return i18n::PageRenderer::render(kWebTemplates, name, view);
    }
    catch (const i18n::PageRenderer::Error& e)
    {
        throw Poco::NotFoundException(std::string("web ") + e.what());
    }
}

}
}
} // namespace sfe::host::web
