//
// Model.h
//
// Library: sfe_definition
// Package: definition
//
// The in-memory model of an SFIA skill definition document (schemas/sfia-definition-1.0.xsd).
//

#ifndef SFE_DEFINITION_MODEL_H
#define SFE_DEFINITION_MODEL_H

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Where in its source document an element starts (1-based). Zero when not known.
struct SourceLocation
{
    int line = 0;
    int column = 0;
};

/// Text in one or more languages, keyed by RFC 5646 tag (as given by xml:lang, e.g. "de-DE").
class LocalizedText
{
public:
    void set(const std::string& language, const std::string& text);
    /// The text in `language`; else in its primary subtag's language ("de" for "de-CH");
    /// else the first one stored. Empty when there is none.
    const std::string& get(const std::string& language) const;
    bool empty() const { return _texts.empty(); }
    const std::map<std::string, std::string>& all() const { return _texts; }

private:
    std::map<std::string, std::string> _texts;
};

/// One sentence of a level's skill-specific description, with its stable id ("CSMG-3.2").
struct Responsibility
{
    std::string id;
    int position = 0; ///< 1-based order within its level
    LocalizedText text;
    std::string textSha256; ///< SHA-256 (hex) of the text in every language, see Canonical.h
    SourceLocation where;
};

/// Guidance SFIA gives where a skill has no tasks at some levels.
struct NotDefinedGuidance
{
    LocalizedText understanding;                 ///< why the level is not defined
    LocalizedText development;                   ///< how a person can still progress
    std::vector<LocalizedText> developmentSteps; ///< the steps `development` introduces, if any
};

/// One of a skill's levels 1-7: either defined, or explicitly not defined.
struct Level
{
    int number = 0;
    bool defined = false;
    // The generic SFIA level of responsibility (always for defined levels; where known otherwise).
    LocalizedText guidingPhrase; ///< e.g. "Anwenden"
    LocalizedText essence;       ///< the level's essence statement
    // Defined levels only.
    std::vector<Responsibility> responsibilities;
    LocalizedText developmentGuidance; ///< optional
    // Levels that are not defined only.
    NotDefinedGuidance notDefined;
    std::string textSha256; ///< SHA-256 (hex) of the level's canonical text, see Canonical.h
    SourceLocation where;
};

/// One SFIA skill, such as CSMG "Kundenservice".
struct Skill
{
    std::string code;
    LocalizedText name;
    LocalizedText description;     ///< the overall description
    LocalizedText guidanceNotes;   ///< "Leitfaden"
    LocalizedText activitiesIntro; ///< "Zu den Aktivitäten gehören unter anderem:"
    std::vector<LocalizedText> activities;
    LocalizedText developmentIntro;                          ///< how defined levels show development
    std::optional<NotDefinedGuidance> lowerLevelsNotDefined; ///< applies below the lowest defined level
    std::vector<Level> levels;                               ///< ordered by number, 1..7, each at most once
    SourceLocation where;

    const Level* level(int number) const;
    const Responsibility* responsibility(const std::string& id) const;
};

/// The framework release a document belongs to, with attribution.
struct Framework
{
    std::string name;     ///< "SFIA"
    std::string version;  ///< "9"
    std::string language; ///< the document's default language, e.g. "de-DE"
    LocalizedText title;  ///< the framework's own title line
    std::string sourceUrl;
    std::string copyright; ///< "© SFIA Foundation"
    std::string licence;   ///< licence or terms of use text
};

/// A whole definition document: one framework release and its skills.
struct Definition
{
    Framework framework;
    std::vector<Skill> skills;
    std::string contentSha256; ///< SHA-256 (hex) of the document's bytes; identifies the version
    std::string sourceName;    ///< the file it was read from, for messages
    std::string xml;           ///< the document itself, kept for audit export

    const Skill* skill(const std::string& code) const;
};

}
} // namespace sfe::definition

#endif
