//
// ProgressView.h
//
// Library: sfe_core
// Package: service
//
// What a learner sees of their progress in one skill: the view model ProgressService fills and
// presenter::ProgressPresenter turns into JSON and HTML.
//

#ifndef SFE_SERVICE_PROGRESSVIEW_H
#define SFE_SERVICE_PROGRESSVIEW_H

#include "sfe/service/ProgressService.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// One responsibility of a level as the learner reads it: the definition's sentence and how far
/// the evidence goes. Texts are the definition's, in the language asked for; times are UTC
/// (RFC 3339), for the presenter to show in the reader's zone. No evidence or statement ids: the
/// learner's view names people and dates, not records (SkillProgress keeps the ids for --explain).
struct ResponsibilityView
{
    enum class State
    {
        NotYet,       ///< no attestation, or only "not demonstrated"
        Partial,      ///< an assessor attested it as partially demonstrated
        Demonstrated, ///< an assessor attested it as demonstrated
        Verified      ///< ...and an auditor verified that attestation
    };

    std::string id; ///< the definition's id ("CSMG-3.1")
    std::string sentence;
    State state = State::NotYet;
    bool counts = false;    ///< whether it counts for the rule (Verified under all-verified)
    std::string decidedAt;  ///< when the deciding attestation happened (its occurredAt)
    std::string assessor;   ///< who made it
    std::string verifiedAt; ///< when an auditor first verified a demonstrating attestation
    /// The deciding attestation was judged against an earlier wording of the sentence: the skill's
    /// current version changed the text since (Responsibility::textSha256 differs from that of the
    /// version the evidence was recorded against). It still counts: an edit of the wording does
    /// not take back an assessor's judgement, and the rules stay as configured. The mark tells the
    /// learner and the assessor that a new attestation against the current wording may be due.
    /// Not set when another attestation of the same outcome was judged against the current wording.
    bool earlierWording = false;
    std::string earlierSentence; ///< the sentence as it read then; empty if that version lacked it
    std::size_t learning = 0;    ///< learning records that contributed to it
};

/// An activity mapped to a level, by the name the LMS gave it.
struct ActivityView
{
    std::string name;                ///< the mapping's activity name (its LMS id only if it has no name)
    std::string type;                ///< course | module | assessment | task
    bool done = false;               ///< completed or passed (failed does not count)
    std::string doneAt;              ///< the first completion or pass, UTC
    std::vector<std::string> covers; ///< the responsibility ids it is mapped to; empty: the whole level
};

/// What the definition says about developing at a level: a defined level's developmentGuidance,
/// or for a level the skill does not define, how a person can still progress (and its steps).
struct DevelopmentView
{
    std::string text;
    std::vector<std::string> steps;
};

struct LevelView
{
    int level = 0;
    bool defined = false;
    std::string guidingPhrase; ///< "Anwenden"
    std::string essence;
    std::string notDefinedReason; ///< why the skill does not define the level
    bool attained = false;
    std::string attainedAt; ///< the time of the deciding evidence (see ProgressService::decidedAt)
    std::vector<ResponsibilityView> responsibilities;
    std::size_t counted = 0; ///< responsibilities that count for the rule
    std::vector<ActivityView> activities;
    DevelopmentView development;
    std::vector<std::string> missing;  ///< ids of the responsibilities that do not count yet
    std::size_t activitiesMissing = 0; ///< mapped activities not done, when the rule asks for them
};

/// An activity not yet done that covers something missing at the next level (ProgressView::nextLevel).
struct NextStep
{
    std::string activity; ///< its name
    std::string type;
    int level = 0;
    std::vector<std::string> covers; ///< the missing responsibility ids it covers; empty: the whole level
};

/// A learner's progress in one skill, as the learner reads it.
struct ProgressView
{
    std::string learner;
    std::string skill;
    std::string skillName;
    std::string textLanguage; ///< the language of the definition's texts given (an xml:lang)
    std::string definitionSha256;
    std::string rule;
    std::string development; ///< the skill's developmentIntro
    std::vector<LevelView> levels;
    /// The level to work on next: the lowest defined level above the highest attained one; when
    /// there is none above, the lowest defined level not attained; none when every one is.
    std::optional<int> nextLevel;
    std::vector<NextStep> nextSteps;
    SkillProgress progress; ///< the evidence behind it, by id (for --explain only)

    /// The responsibility's sentence at the current version ("" if unknown).
    const std::string& sentence(const std::string& responsibilityId) const;
};

}
} // namespace sfe::service

#endif
