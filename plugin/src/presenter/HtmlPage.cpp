//
// HtmlPage.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/HtmlPage.h"

#include "sfe/EmbeddedFile.h"
#include "sfe/i18n/PageRenderer.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

namespace sfe {
namespace presenter {

extern const EmbeddedFile kPageTemplates[];

std::string HtmlPage::render(const std::string& name, const Poco::JSON::Object& view)
{
    try
    {
        return i18n::PageRenderer::render(kPageTemplates, name, view);
    }
    catch (const i18n::PageRenderer::Error& e)
    {
        throw runtime::Error(SFE_ERROR, e.what());
    }
}

}
} // namespace sfe::presenter
