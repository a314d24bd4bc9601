//
// TextCodec.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/TextCodec.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace sfe {
namespace store {

namespace {

Poco::JSON::Object::Ptr toObject(const definition::LocalizedText& text)
{
    Poco::JSON::Object::Ptr obj = new Poco::JSON::Object;
    for (const auto& [language, value] : text.all()) obj->set(language, value);
    return obj;
}

definition::LocalizedText fromObject(const Poco::JSON::Object::Ptr& obj)
{
    definition::LocalizedText text;
    if (!obj) return text;
    for (const auto& [language, value] : *obj) text.set(language, value.extract<std::string>());
    return text;
}

std::string stringify(const Poco::Dynamic::Var& v)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

Poco::Dynamic::Var parse(const std::string& json)
{
    Poco::JSON::Parser parser;
    return parser.parse(json);
}

} // namespace

std::string TextCodec::encode(const definition::LocalizedText& text)
{
    return stringify(toObject(text));
}

definition::LocalizedText TextCodec::decode(const std::string& json)
{
    return fromObject(parse(json).extract<Poco::JSON::Object::Ptr>());
}

std::string TextCodec::encodeList(const std::vector<definition::LocalizedText>& texts)
{
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& t : texts) arr->add(toObject(t));
    return stringify(arr);
}

std::vector<definition::LocalizedText> TextCodec::decodeList(const std::string& json)
{
    std::vector<definition::LocalizedText> texts;
    auto arr = parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < arr->size(); ++i) texts.push_back(fromObject(arr->getObject(static_cast<unsigned>(i))));
    return texts;
}

std::string TextCodec::encodeGuidance(const definition::NotDefinedGuidance& guidance)
{
    Poco::JSON::Object::Ptr obj = new Poco::JSON::Object;
    obj->set("understanding", toObject(guidance.understanding));
    obj->set("development", toObject(guidance.development));
    Poco::JSON::Array::Ptr steps = new Poco::JSON::Array;
    for (const auto& step : guidance.developmentSteps) steps->add(toObject(step));
    obj->set("developmentSteps", steps);
    return stringify(obj);
}

definition::NotDefinedGuidance TextCodec::decodeGuidance(const std::string& json)
{
    auto obj = parse(json).extract<Poco::JSON::Object::Ptr>();
    definition::NotDefinedGuidance guidance;
    guidance.understanding = fromObject(obj->getObject("understanding"));
    guidance.development = fromObject(obj->getObject("development"));
    if (auto steps = obj->getArray("developmentSteps"))
        for (unsigned i = 0; i < steps->size(); ++i)
            guidance.developmentSteps.push_back(fromObject(steps->getObject(i)));
    return guidance;
}

}
} // namespace sfe::store
