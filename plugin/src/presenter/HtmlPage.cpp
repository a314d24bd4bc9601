//
// HtmlPage.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/HtmlPage.h"

#include "sfe/EmbeddedFile.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

#include <Poco/JSON/Array.h>

#include <kainjow/mustache.hpp>

#include <cstring>

namespace sfe {
namespace presenter {

extern const EmbeddedFile kPageTemplates[];
extern const std::size_t kPageTemplates_count;

namespace {

namespace mst = kainjow::mustache;

const char* const kSuffix = ".html.mustache";

/// The template called `name`, or nullptr.
const EmbeddedFile* find(const std::string& name)
{
    for (std::size_t i = 0; i < kPageTemplates_count; ++i)
        if (name + kSuffix == kPageTemplates[i].name) return &kPageTemplates[i];
    return nullptr;
}

mst::data toData(const Poco::Dynamic::Var& value)
{
    if (value.isEmpty()) return mst::data(false);
    if (value.type() == typeid(Poco::JSON::Object::Ptr))
    {
        mst::data object(mst::data::type::object);
        const auto o = value.extract<Poco::JSON::Object::Ptr>();
        for (const auto& [key, member] : *o) object.set(key, toData(member));
        return object;
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr))
    {
        mst::data list(mst::data::type::list);
        for (const auto& element : *value.extract<Poco::JSON::Array::Ptr>()) list.push_back(toData(element));
        return list;
    }
    if (value.type() == typeid(bool)) return mst::data(value.extract<bool>());
    return mst::data(value.toString());
}

} // namespace

std::string HtmlPage::render(const std::string& name, const Poco::JSON::Object& view)
{
    const EmbeddedFile* page = find(name);
    if (!page) throw runtime::Error(SFE_ERROR, "pages: no template '" + name + "'");
    mst::data data(mst::data::type::object);
    for (const auto& [key, member] : view) data.set(key, toData(member));
    for (std::size_t i = 0; i < kPageTemplates_count; ++i)
    {
        const EmbeddedFile& t = kPageTemplates[i];
        const std::string file = t.name;
        const std::string text(t.data, t.size);
        data.set(file.substr(0, file.size() - std::strlen(kSuffix)), mst::partial([text] { return text; }));
    }
    mst::mustache tmpl(std::string(page->data, page->size));
    if (!tmpl.is_valid()) throw runtime::Error(SFE_ERROR, "pages: template '" + name + "': " + tmpl.error_message());
    std::string html = tmpl.render(data);
    if (!tmpl.is_valid()) throw runtime::Error(SFE_ERROR, "pages: template '" + name + "': " + tmpl.error_message());
    return html;
}

} } // namespace sfe::presenter
