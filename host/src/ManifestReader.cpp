//
// ManifestReader.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// Reads a plugin manifest and checks it against schemas/sfe-plugin-manifest-1.0.xsd.
//

#include "ManifestReader.h"

#include "Exceptions.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

namespace sfe {
namespace host {

// The schema, compiled in by sfe_embed() (host/CMakeLists.txt).
extern const char kManifestXsd[];
extern const std::size_t kManifestXsd_size;

namespace {

const char* const kNamespace = "urn:sfia-evidence:plugin-manifest:1.0";
const char* const kRequiredCRoles[] = {"abiVersion", "libVersion", "open", "call", "errmsg", "errstr", "free", "close"};

/// Problems found in one document, each as "FILE:LINE:COL: message".
class Problems
{
public:
    explicit Problems(std::string file):
        _file(std::move(file))
    {}

    void add(int line, int column, const std::string& message)
    {
        std::ostringstream out;
        out << _file;
        if (line > 0) out << ':' << line;
        if (line > 0 && column > 0) out << ':' << column;
        out << ": " << message;
        _lines.push_back(out.str());
    }

    bool empty() const { return _lines.empty(); }

    [[noreturn]] void raise() const
    {
        std::string text = "invalid plugin manifest " + _file + ":";
        for (const auto& line : _lines) text += "\n" + line;
        throw PluginUnavailableException(text);
    }

private:
    std::string _file;
    std::vector<std::string> _lines;
};

std::string trimmed(const char* text)
{
    std::string s = text ? text : "";
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

// libxml2 2.9 passes a non-const xmlErrorPtr; later releases a const one.
void collectError(void* userData, xmlErrorPtr error)
{
    static_cast<Problems*>(userData)->add(error->line, error->int2, trimmed(error->message));
}

/// SAX hook: the parser calls it on "<!DOCTYPE"; we record the problem and stop parsing there,
/// before any entity declaration is read.
void rejectDoctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*)
{
    auto parser = static_cast<xmlParserCtxtPtr>(context);
    int line = parser->input ? parser->input->line : 0;
    int column = parser->input ? parser->input->col : 0;
    static_cast<Problems*>(parser->_private)->add(line, column, "a DOCTYPE is not allowed in a plugin manifest");
    xmlStopParser(parser);
}

/// Routes libxml2's parser errors to a Problems list while it lives.
class ErrorCapture
{
public:
    explicit ErrorCapture(Problems& problems) { xmlSetStructuredErrorFunc(&problems, collectError); }
    ~ErrorCapture() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;
};

struct DocFree
{
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};
struct ParserFree
{
    void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};
struct ValidFree
{
    void operator()(xmlSchemaValidCtxtPtr ctxt) const { xmlSchemaFreeValidCtxt(ctxt); }
};
struct SchemaParserFree
{
    void operator()(xmlSchemaParserCtxtPtr ctxt) const { xmlSchemaFreeParserCtxt(ctxt); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

bool isElement(xmlNodePtr node, const char* name)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns && xmlStrEqual(node->ns->href, BAD_CAST kNamespace) &&
           xmlStrEqual(node->name, BAD_CAST name);
}

std::vector<xmlNodePtr> children(xmlNodePtr parent, const char* name)
{
    std::vector<xmlNodePtr> result;
    for (xmlNodePtr node = parent ? parent->children : nullptr; node; node = node->next)
    {
        if (isElement(node, name)) result.push_back(node);
    }
    return result;
}

xmlNodePtr child(xmlNodePtr parent, const char* name)
{
    auto all = children(parent, name);
    return all.empty() ? nullptr : all.front();
}

/// Collapses runs of whitespace to one space and trims, as the schema's xs:token does.
std::string collapsed(const std::string& text)
{
    std::string result;
    bool pendingSpace = false;
    for (char c : text)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            pendingSpace = !result.empty();
            continue;
        }
        if (pendingSpace) result += ' ';
        pendingSpace = false;
        result += c;
    }
    return result;
}

std::string attribute(xmlNodePtr node, const char* name)
{
    xmlChar* value = node ? xmlGetNoNsProp(node, BAD_CAST name) : nullptr;
    std::string result = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return result;
}

std::string text(xmlNodePtr node)
{
    xmlChar* value = node ? xmlNodeGetContent(node) : nullptr;
    std::string result = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return collapsed(result);
}

int lineOf(xmlNodePtr node)
{
    return static_cast<int>(xmlGetLineNo(node));
}

std::string readFile(const std::string& path)
{
    Poco::File file(path);
    if (!file.exists()) throw PluginUnavailableException("plugin manifest " + path + " does not exist");
    if (!file.isFile()) throw PluginUnavailableException("plugin manifest " + path + " is not a file");
    if (file.getSize() > ManifestReader::kMaxBytes)
        throw PluginUnavailableException("plugin manifest " + path + " is larger than " +
                                         std::to_string(ManifestReader::kMaxBytes) + " bytes");
    try
    {
        Poco::FileInputStream in(path);
        std::string bytes;
        Poco::StreamCopier::copyToString(in, bytes);
        return bytes;
    }
    catch (const Poco::Exception& e)
    {
        throw PluginUnavailableException("cannot read plugin manifest " + path + ": " + e.displayText());
    }
}

DocPtr parse(const std::string& bytes, const std::string& path, Problems& problems)
{
    std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
    if (!parser) throw Poco::OutOfMemoryException("xmlNewParserCtxt");
    parser->_private = &problems;
    parser->sax->internalSubset = rejectDoctype;
    ErrorCapture capture(problems);
    // No XML_PARSE_NOENT or XML_PARSE_DTDLOAD: entities are neither substituted nor fetched.
    DocPtr doc(xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(), nullptr,
                                 XML_PARSE_NONET));
    if (doc && (doc->intSubset || doc->extSubset) && problems.empty())
        problems.add(1, 0, "a DOCTYPE is not allowed in a plugin manifest");
    if (!doc && problems.empty()) problems.add(0, 0, "not a well-formed XML document");
    return doc;
}

void checkCDoor(xmlNodePtr c, Manifest& manifest, Problems& problems)
{
    manifest.cHeader = collapsed(attribute(c, "header"));
    for (xmlNodePtr entry : children(c, "entry"))
        manifest.cEntries[attribute(entry, "role")] = attribute(entry, "symbol");
    for (const char* role : kRequiredCRoles)
    {
        if (manifest.cEntries.count(role) == 0)
            problems.add(lineOf(c), 0, std::string("the C door has no entry with role \"") + role + "\"");
    }
}

void checkKey(xmlNodePtr node, const ConfigurationKey& key, Problems& problems)
{
    const std::string where = "configuration key " + key.name + ": ";
    if (key.type == "choice")
    {
        if (key.allowed.empty()) problems.add(lineOf(node), 0, where + "a choice needs <allowed> values");
        else if (std::find(key.allowed.begin(), key.allowed.end(), key.defaultValue) == key.allowed.end())
            problems.add(lineOf(node), 0,
                         where + "default \"" + key.defaultValue + "\" is not one of its allowed values");
    }
    else if (!key.allowed.empty())
    {
        problems.add(lineOf(node), 0, where + "<allowed> values are only for type=\"choice\"");
    }
    Poco::Int64 number = 0;
    if (key.type == "integer" && !key.defaultValue.empty() && !Poco::NumberParser::tryParse64(key.defaultValue, number))
        problems.add(lineOf(node), 0, where + "default \"" + key.defaultValue + "\" is not an integer");
}

std::vector<std::string> words(const std::string& list)
{
    std::vector<std::string> out;
    std::istringstream in(list);
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

/// <access>: what the schema cannot say is that every role a capability names is declared.
void readAccess(xmlNodePtr access, Manifest& manifest, Problems& problems)
{
    for (xmlNodePtr node : children(access, "role")) manifest.roles.push_back({attribute(node, "name"), text(node)});
    for (xmlNodePtr node : children(access, "capability"))
    {
        AccessCapability capability{attribute(node, "name"), words(attribute(node, "operations")),
                                    words(attribute(node, "roles")), attribute(node, "own"), text(node)};
        for (const auto& role : capability.roles)
        {
            const bool declared = std::any_of(manifest.roles.begin(), manifest.roles.end(),
                                              [&](const AccessRole& r) { return r.name == role; });
            if (!declared)
                problems.add(lineOf(node), 0,
                             "capability " + capability.name + ": role \"" + role +
                                 "\" is not declared by a <role> in <access>");
        }
        manifest.access.push_back(std::move(capability));
    }
}

Manifest extract(xmlDocPtr doc, const std::string& path, Problems& problems)
{
    Manifest manifest;
    manifest.path = path;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    manifest.id = attribute(root, "id");
    manifest.version = attribute(root, "version");
    manifest.abiVersion = Poco::NumberParser::parse(attribute(root, "abiVersion"));
    manifest.name = text(child(root, "name"));
    manifest.description = text(child(root, "description"));

    xmlNodePtr library = child(root, "library");
    manifest.libraryFile = attribute(library, "file");
    Poco::Path folder = Poco::Path(path).makeAbsolute().parent();
    manifest.libraryPath = folder.resolve(Poco::Path(manifest.libraryFile)).toString();

    xmlNodePtr cxx = child(library, "cxx");
    manifest.cxxHeader = collapsed(attribute(cxx, "header"));
    manifest.cxxBaseClass = attribute(cxx, "baseClass");
    manifest.cxxClassName = attribute(cxx, "className");
    checkCDoor(child(library, "c"), manifest, problems);

    for (xmlNodePtr node : children(child(root, "capabilities"), "capability"))
        manifest.capabilities.push_back({attribute(node, "id"), text(node)});

    readAccess(child(root, "access"), manifest, problems);

    for (xmlNodePtr node : children(child(root, "configuration"), "key"))
    {
        ConfigurationKey key;
        key.name = attribute(node, "name");
        key.type = attribute(node, "type");
        key.defaultValue = attribute(node, "default");
        key.description = text(child(node, "description"));
        for (xmlNodePtr allowed : children(node, "allowed")) key.allowed.push_back(text(allowed));
        const std::string secret = attribute(node, "secret");
        key.secret = secret == "true" || secret == "1";
        checkKey(node, key, problems);
        manifest.configuration.push_back(std::move(key));
    }
    return manifest;
}

} // namespace

ManifestReader::ManifestReader():
    _schema(nullptr)
{
    Problems problems("sfe-plugin-manifest-1.0.xsd (built in)");
    std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> parser(
        xmlSchemaNewMemParserCtxt(kManifestXsd, static_cast<int>(kManifestXsd_size)));
    if (parser)
    {
        xmlSchemaSetParserStructuredErrors(parser.get(), collectError, &problems);
        _schema = xmlSchemaParse(parser.get());
    }
    if (!_schema) throw Poco::IllegalStateException("the built-in plugin manifest schema does not compile");
}

ManifestReader::~ManifestReader()
{
    xmlSchemaFree(_schema);
}

Manifest ManifestReader::read(const std::string& path) const
{
    const std::string bytes = readFile(path);
    Problems problems(path);
    DocPtr doc = parse(bytes, path, problems);
    if (!problems.empty()) problems.raise();

    std::unique_ptr<xmlSchemaValidCtxt, ValidFree> validator(xmlSchemaNewValidCtxt(_schema));
    if (!validator) throw Poco::OutOfMemoryException("xmlSchemaNewValidCtxt");
    xmlSchemaSetValidStructuredErrors(validator.get(), collectError, &problems);
    const int rc = xmlSchemaValidateDoc(validator.get(), doc.get());
    if (rc != 0 && problems.empty())
        problems.add(0, 0,
                     "does not validate against sfe-plugin-manifest-1.0.xsd (libxml2 code " + std::to_string(rc) + ")");
    if (!problems.empty()) problems.raise();

    Manifest manifest = extract(doc.get(), path, problems);
    if (!problems.empty()) problems.raise();
    return manifest;
}

}
} // namespace sfe::host
