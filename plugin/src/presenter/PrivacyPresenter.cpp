//
// PrivacyPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/PrivacyPresenter.h"

#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Secrets.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <optional>

namespace sfe {
namespace presenter {

PrivacyPresenter::PrivacyPresenter(plugin::HostServices& clock, service::PrivacyService& privacy, std::string lrsUrl):
    _clock(clock),
    _privacy(privacy),
    _lrsUrl(std::move(lrsUrl))
{}

std::string PrivacyPresenter::exportPerson(const Request& request)
{
    const std::string person = request.string("person");
    // A page at a time as every list ("limit", "after"; "next" while there are more): the items
    // of "evidence", "attested", "statements" and "verified", in that order, fill a page. The
    // cursor is the list a page ended in ("e", "a", "s", "v") and its last item's key there: the
    // seq ("s0": that list from its first), or for "verified" its time and record ("v": from the
    // first). "attainments" (one per attained level at most) come whole, with the page that
    // reaches "verified" from its first: each list's items come after those of the lists before.
    static const std::string lists = "easv";
    const Request::Page page = request.keyedPage([](const std::string& key) {
        Poco::Int64 seq = 0;
        if (key.empty() || lists.find(key[0]) == std::string::npos) return false;
        if (key[0] == 'v') return key.size() == 1 || verificationAfter(key.substr(1)).has_value();
        return key.size() > 1 && key.find_first_not_of("0123456789", 1) == std::string::npos &&
               Poco::NumberParser::tryParse64(key.substr(1), seq);
    });
    const std::size_t startList = page.afterKey.empty() ? 0 : lists.find(page.afterKey[0]);
    const std::string startKey = page.afterKey.empty() ? std::string() : page.afterKey.substr(1);

    std::optional<service::PersonRecords> held;
    if (page.afterKey.empty()) held = _privacy.exportPerson(person, 1); // throws notFound when nothing is held
    const auto ref = held ? held->ref : _privacy.ref(person);
    // Written as text, a record at a time and the records read kExportPage at a time: a page
    // costs its text, not a DOM of it (the same bytes as condensing one).
    std::string out = "{\"person\":" + toJson(person) +
                      ",\"exportedAt\":" + toJson(xapi::Timestamp::format(_clock.now())) +
                      ",\"ref\":" + toJson(ref ? Poco::Dynamic::Var(*ref) : Poco::Dynamic::Var());
    std::size_t room = page.limit;
    std::string next;
    Poco::JSON::Parser parser;
    // Up to `want` items of list `which` after `after`, as JSON texts with their keys.
    const auto read = [&](std::size_t which, const std::string& after, std::size_t want,
                          std::vector<std::string>& items, std::vector<std::string>& keys) {
        if (which == 3)
        {
            for (const auto& v : _privacy.verificationPage(person, verificationAfter(after), want))
            {
                auto vo = object();
                vo->set("evidence", v.evidence);
                vo->set("verifiedAt", v.verifiedAt);
                items.push_back(toJson(vo));
                keys.push_back(v.verifiedAt + "," + v.evidence);
            }
        }
        else if (which < 2)
        {
            for (const auto& r : _privacy.evidencePage(person, which == 1, Poco::NumberParser::parse64(after), want))
            {
                items.push_back(toJson(EvidencePresenter::evidenceJson(r)));
                keys.push_back(std::to_string(r.seq));
            }
        }
        else
        {
            for (const auto& s : _privacy.statementPage(person, Poco::NumberParser::parse64(after), want))
            {
                auto so = object();
                so->set("id", s.id);
                so->set("state", s.state);
                so->set("statement", parser.parse(s.body));
                parser.reset();
                items.push_back(toJson(so));
                keys.push_back(std::to_string(s.seq));
            }
        }
    };
    const auto list = [&](std::size_t which, const char* key) {
        out += std::string(",\"") + key + "\":[";
        bool any = false;
        if (which < startList || !next.empty())
        {
            out += "]";
            return;
        }
        // Each list from its first item unless the cursor names a place in it: the seq lists from
        // seq 0, "verified" from no key.
        std::string after = which == startList && !startKey.empty() ? startKey : which == 3 ? "" : "0";
        for (bool more = true; more;)
        {
            const std::size_t want = std::min(room + 1, kExportPage);
            std::vector<std::string> items, keys;
            read(which, after, want, items, keys);
            more = items.size() == want;
            for (std::size_t i = 0; i < items.size(); ++i)
            {
                if (room == 0)
                {
                    // One item more than the page holds: the next page goes on after the last.
                    next = request.nextCursor(lists[which] + after);
                    more = false;
                    break;
                }
                out += any ? "," : "";
                out += items[i];
                any = true;
                after = keys[i];
                --room;
            }
        }
        out += "]";
    };
    list(0, "evidence");
    list(1, "attested");
    list(2, "statements");

    Poco::JSON::Array::Ptr attainments = new Poco::JSON::Array;
    if (next.empty() && startList < 3)
    {
        for (const auto& a : held ? held->attainments : _privacy.attainments(person))
        {
            auto ao = object();
            ao->set("skill", a.skill);
            ao->set("level", a.level);
            ao->set("rule", a.rule);
            ao->set("attainedAt", a.attainedAt);
            ao->set("statement", a.statement);
            ao->set("voidedAt", a.voidedAt ? Poco::Dynamic::Var(*a.voidedAt) : Poco::Dynamic::Var());
            attainments->add(ao);
        }
    }
    out += ",\"attainments\":" + toJson(attainments);
    list(3, "verified");
    if (!next.empty()) out += ",\"next\":" + toJson(next);
    return out + "}";
}

std::optional<service::PersonRecords::Verification> PrivacyPresenter::verificationAfter(const std::string& key)
{
    // "TIME,RECORD": a verification's time has no comma (xapi::Timestamp); the rest is the record.
    const std::size_t comma = key.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == key.size()) return std::nullopt;
    return service::PersonRecords::Verification{key.substr(comma + 1), key.substr(0, comma)};
}

std::string PrivacyPresenter::erase(const Request& request)
{
    auto r = _privacy.erase(request.string("person"), _clock.now());
    auto o = object();
    o->set("pseudonym", r.pseudonym);
    o->set("evidence", r.evidence);
    o->set("attested", r.assessed);
    o->set("statements", r.statements);
    // The LRS's copies are out of the plugin's reach: name them, and the LRS, so that its operator
    // can erase them there. The URL as configured now (never with credentials).
    auto lrs = object();
    lrs->set("count", static_cast<long long>(r.delivered.size()));
    lrs->set("statements", array(r.delivered));
    const std::string& url = _lrsUrl;
    lrs->set("url", url.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(runtime::redactSecrets(url)));
    o->set("heldByLrs", lrs);
    o->set("writeAheadLogCleared", r.writeAheadLogCleared);
    return toJson(o);
}

}
} // namespace sfe::presenter
