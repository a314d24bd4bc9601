//
// XsdValidator.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/XsdValidator.h"
#include "sfe/definition/ElementLocator.h"
#include "sfe/definition/EmbeddedSchemas.h"
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sfe {
namespace definition {

namespace {

// The embedded schemas get URLs no file or server can have, so the import of xml.xsd (relative to
// the main schema) resolves to kXmlSchemaUrl, which only embeddedSchemaLoader answers.
const char* const kSchemaUrl = "sfe-embedded:/schemas/sfia-definition-1.0.xsd";
const char* const kXmlSchemaUrl = "sfe-embedded:/schemas/xml.xsd";

struct DocFree
{
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

struct ValidCtxtFree
{
    void operator()(xmlSchemaValidCtxtPtr ctxt) const { xmlSchemaFreeValidCtxt(ctxt); }
};
using ValidCtxtPtr = std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtFree>;

struct ParserCtxtFree
{
    void operator()(xmlSchemaParserCtxtPtr ctxt) const { xmlSchemaFreeParserCtxt(ctxt); }
};
using SchemaParserCtxtPtr = std::unique_ptr<xmlSchemaParserCtxt, ParserCtxtFree>;

/// One libxml2 error, copied out of libxml2's buffers.
struct CapturedError
{
    int line = 0;
    int column = 0;
    const xmlNode* node = nullptr; ///< the element concerned, for schema errors
    std::string message;
};

/// For its lifetime, sends the calling thread's libxml2 errors (structured and generic; both
/// handlers are per thread) into `errors` instead of stderr; restores the previous handlers after.
class ErrorCapture
{
public:
    ErrorCapture():
        _previousStructured(xmlStructuredError),
        _previousStructuredContext(xmlStructuredErrorContext),
        _previousGeneric(xmlGenericError),
        _previousGenericContext(xmlGenericErrorContext)
    {
        xmlSetStructuredErrorFunc(this, &ErrorCapture::collect);
        xmlSetGenericErrorFunc(this, &ErrorCapture::collectGeneric);
    }

    ~ErrorCapture()
    {
        xmlSetStructuredErrorFunc(_previousStructuredContext, _previousStructured);
        xmlSetGenericErrorFunc(_previousGenericContext, _previousGeneric);
    }

    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

    static void collect(void* self, xmlErrorPtr error)
    {
        if (error == nullptr) return;
        // libxml2 follows an invalid value of an identity-constraint field (level numbers, ids)
        // with this "Warning:" about the same attribute; the error before it says all there is.
        if (error->domain == XML_FROM_SCHEMASV && error->message != nullptr &&
            std::strstr(error->message, "No precomputed value available") != nullptr)
            return;
        CapturedError captured;
        captured.line = error->line;
        captured.column = error->int2;
        if (error->domain == XML_FROM_SCHEMASV) captured.node = static_cast<const xmlNode*>(error->node);
        captured.message = error->message != nullptr ? error->message : "unknown libxml2 error";
        static_cast<ErrorCapture*>(self)->errors.push_back(std::move(captured));
    }

    static void collectGeneric(void* self, const char* format, ...)
    {
        char text[1024];
        va_list arguments;
        va_start(arguments, format);
        std::vsnprintf(text, sizeof text, format, arguments);
        va_end(arguments);
        static_cast<ErrorCapture*>(self)->generic += text;
    }

    /// Everything captured, as one line of text.
    std::string summary() const;

    std::vector<CapturedError> errors;
    std::string generic; ///< unstructured messages, concatenated

private:
    xmlStructuredErrorFunc _previousStructured;
    void* _previousStructuredContext;
    xmlGenericErrorFunc _previousGeneric;
    void* _previousGenericContext;
};

/// libxml2's messages, made one line; names in the definition namespace lose "{namespace}",
/// the XML namespace is written as the "xml:" prefix it always has, and parser options go unnamed.
std::string cleanMessage(std::string message)
{
    auto replaceAll = [&](const std::string& from, const std::string& to) {
        for (std::size_t at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size()))
            message.replace(at, from.size(), to);
    };
    replaceAll("{urn:sfia-evidence:definition:1.0}", "");
    replaceAll("{http://www.w3.org/XML/1998/namespace}", "xml:");
    replaceAll(" use XML_PARSE_HUGE option", ""); // advice to programmers, not to authors
    std::string clean;
    for (char c : message)
    {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (space && (clean.empty() || clean.back() == ' ')) continue;
        clean += space ? ' ' : c;
    }
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    return clean;
}

std::string ErrorCapture::summary() const
{
    std::string text;
    for (const auto& error : errors) text += (text.empty() ? "" : "; ") + cleanMessage(error.message);
    if (!generic.empty()) text += (text.empty() ? "" : "; ") + cleanMessage(generic);
    return text;
}

xmlExternalEntityLoader gPreviousLoader = nullptr;

/// Serves the embedded xml.xsd while the schema compiles; anything else goes to the loader before.
xmlParserInputPtr embeddedSchemaLoader(const char* url, const char* id, xmlParserCtxtPtr context)
{
    if (url != nullptr && std::strcmp(url, kXmlSchemaUrl) == 0)
        return xmlNewStringInputStream(context, reinterpret_cast<const xmlChar*>(kXmlNamespaceXsd));
    return gPreviousLoader(url, id, context);
}

/// The definition schema, compiled once per process and then shared read-only by all threads.
/// Deliberately never freed: it lives as long as the process, and freeing it during static
/// destruction could follow another component's xmlCleanupParser().
class CompiledSchema
{
public:
    static const CompiledSchema& instance()
    {
        static const CompiledSchema schema; // initialised once, thread-safe (C++11)
        return schema;
    }

    xmlSchemaPtr schema() const { return _schema; }
    const std::string& failure() const { return _failure; }

private:
    CompiledSchema()
    {
        xmlInitParser();
        ErrorCapture capture;
        _document =
            xmlReadMemory(kDefinitionXsd, static_cast<int>(kDefinitionXsd_size), kSchemaUrl, "UTF-8", XML_PARSE_NONET);
        if (_document != nullptr)
        {
            // The loader is process-wide: it is replaced only while this one compilation runs,
            // and passes on every URL but its own, so other threads' parsing is unaffected.
            gPreviousLoader = xmlGetExternalEntityLoader();
            xmlSetExternalEntityLoader(embeddedSchemaLoader);
            SchemaParserCtxtPtr parser(xmlSchemaNewDocParserCtxt(_document));
            if (parser)
            {
                xmlSchemaSetParserStructuredErrors(parser.get(), &ErrorCapture::collect, &capture);
                _schema = xmlSchemaParse(parser.get());
            }
            xmlSetExternalEntityLoader(gPreviousLoader);
        }
        if (_schema == nullptr)
            _failure = capture.summary().empty() ? std::string("libxml2 gave no reason") : capture.summary();
    }

    xmlDocPtr _document = nullptr; // kept: the compiled schema may refer to it
    xmlSchemaPtr _schema = nullptr;
    std::string _failure;
};

/// Locates libxml2's errors in the document.
class ErrorLocator
{
public:
    ErrorLocator(const std::string& bytes, const LineMap& lines, const xmlDoc* document):
        _bytes(bytes),
        _lines(lines),
        _document(document)
    {}

    SourceLocation locate(const CapturedError& error)
    {
        const xmlNode* node = error.node;
        if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
        if (node != nullptr && node->type == XML_ELEMENT_NODE)
        {
            const SourceLocation start = elementStart(node);
            if (start.line > 0) return start;
        }
        return SourceLocation{error.line > 0 ? error.line : 1, error.column > 0 ? error.column : 1};
    }

private:
    SourceLocation elementStart(const xmlNode* element)
    {
        if (_ordinals.empty() && _document != nullptr)
        {
            // Number libxml2's elements in document order; ElementLocator does the same on the bytes.
            std::size_t next = 0;
            const xmlNode* node = xmlDocGetRootElement(_document);
            while (node != nullptr)
            {
                if (node->type == XML_ELEMENT_NODE) _ordinals[node] = next++;
                if (node->type == XML_ELEMENT_NODE && node->children != nullptr) node = node->children;
                else
                {
                    while (node != nullptr && node->next == nullptr)
                        node =
                            node->parent != nullptr && node->parent->type == XML_ELEMENT_NODE ? node->parent : nullptr;
                    if (node != nullptr) node = node->next;
                }
            }
        }
        auto found = _ordinals.find(element);
        if (found == _ordinals.end()) return SourceLocation{};
        if (!_elements) _elements.emplace(_bytes, _lines);
        return _elements->locate(found->second);
    }

    const std::string& _bytes;
    const LineMap& _lines;
    const xmlDoc* _document;
    std::unordered_map<const xmlNode*, std::size_t> _ordinals;
    std::optional<ElementLocator> _elements;
};

std::vector<Problem> toProblems(const ErrorCapture& capture, const std::string& name, ErrorLocator& locator)
{
    std::vector<Problem> problems;
    for (const auto& error : capture.errors)
    {
        const SourceLocation where = locator.locate(error);
        problems.push_back({name, where.line, where.column, cleanMessage(error.message)});
    }
    if (!capture.generic.empty()) problems.push_back({name, 1, 1, "libxml2: " + cleanMessage(capture.generic)});
    return problems;
}

} // namespace

std::vector<Problem> XsdValidator::check(const std::string& bytes, const std::string& name, const LineMap& lines)
{
    const CompiledSchema& compiled = CompiledSchema::instance();
    if (compiled.schema() == nullptr)
        return {{name, 1, 1, "internal error: the embedded definition schema does not compile: " + compiled.failure()}};
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return {{name, 1, 1, "document is too large for the XML parser"}};

    ErrorCapture capture;
    // No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD, no network.
    DocPtr document(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8", XML_PARSE_NONET));
    ErrorLocator locator(bytes, lines, document.get());
    if (!document || !capture.errors.empty() || !capture.generic.empty())
    {
        std::vector<Problem> problems = toProblems(capture, name, locator);
        if (problems.empty()) problems.push_back({name, 1, 1, "the document is not well-formed XML"});
        return problems;
    }
    // PrologScanner refuses every DOCTYPE before this point; this only guards against that ever failing.
    if (document->intSubset != nullptr || document->extSubset != nullptr)
        return {{name, 1, 1, "a DOCTYPE is not allowed in definition files"}};

    ValidCtxtPtr validation(xmlSchemaNewValidCtxt(compiled.schema()));
    if (!validation) return {{name, 1, 1, "internal error: cannot create a schema validation context"}};
    xmlSchemaSetValidStructuredErrors(validation.get(), &ErrorCapture::collect, &capture);
    const int outcome = xmlSchemaValidateDoc(validation.get(), document.get());
    std::vector<Problem> problems = toProblems(capture, name, locator);
    if (outcome != 0 && problems.empty())
        problems.push_back(
            {name, 1, 1,
             "the document is not valid against the definition schema (libxml2 code " + std::to_string(outcome) + ")"});
    return problems;
}

}
} // namespace sfe::definition
