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

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>

#include <kainjow/mustache.hpp>

#include <cstring>

namespace sfe {
namespace host {
namespace web {

extern const EmbeddedFile kWebTemplates[];
extern const std::size_t kWebTemplates_count;

namespace {

namespace mst = kainjow::mustache;

const char* const kSuffix = ".html.mustache";

// The plugin's presenter::HtmlPage does the same for its pages; the host never links the
// plugin's code, so the few lines that turn JSON into Mustache data are here again.
mst::data toData(const Poco::Dynamic::Var& value)
{
    if (value.isEmpty()) return mst::data(false);
    if (value.type() == typeid(Poco::JSON::Object::Ptr))
    {
        mst::data object(mst::data::type::object);
        for (const auto& [key, member] : *value.extract<Poco::JSON::Object::Ptr>()) object.set(key, toData(member));
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

std::string PageTemplates::render(const std::string& name, const Poco::JSON::Object& view)
{
    const EmbeddedFile* page = nullptr;
    mst::data data(mst::data::type::object);
    for (const auto& [key, member] : view) data.set(key, toData(member));
    for (std::size_t i = 0; i < kWebTemplates_count; ++i)
    {
        const EmbeddedFile& t = kWebTemplates[i];
        const std::string file = t.name;
        const std::string text(t.data, t.size);
        if (file == name + kSuffix) page = &t;
        data.set(file.substr(0, file.size() - std::strlen(kSuffix)), mst::partial([text] { return text; }));
    }
    if (!page) throw Poco::NotFoundException("web page template " + name);
    mst::mustache tmpl(std::string(page->data, page->size));
    std::string html = tmpl.is_valid() ? tmpl.render(data) : std::string();
    if (!tmpl.is_valid()) throw Poco::SyntaxException("web page template " + name + ": " + tmpl.error_message());
    return html;
}

} } } // namespace sfe::host::web
