//
// PageRenderer.cpp
//
// Library: sfe_i18n
// Package: i18n
//

#include "sfe/i18n/PageRenderer.h"

#include <Poco/JSON/Array.h>

#include <kainjow/mustache.hpp>

#include <cstring>

namespace sfe {
namespace i18n {

namespace {

namespace mst = kainjow::mustache;

const char* const kSuffix = ".html.mustache";

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

std::string PageRenderer::render(const EmbeddedFile* templates, const std::string& name, const Poco::JSON::Object& view)
{
    const EmbeddedFile* page = nullptr;
    mst::data data(mst::data::type::object);
    for (const auto& [key, member] : view) data.set(key, toData(member));
    for (const EmbeddedFile* t = templates; t->name; ++t)
    {
        const std::string file = t->name;
        const std::string text(t->data, t->size);
        if (file == name + kSuffix) page = t;
        data.set(file.substr(0, file.size() - std::strlen(kSuffix)), mst::partial([text] { return text; }));
    }
    if (!page) throw Error("pages: no template '" + name + "'");
    mst::mustache tmpl(std::string(page->data, page->size));
    std::string html = tmpl.is_valid() ? tmpl.render(data) : std::string();
    if (!tmpl.is_valid()) throw Error("pages: template '" + name + "': " + tmpl.error_message());
    return html;
}

}
} // namespace sfe::i18n
