//
// RequestMessagesTest.cpp
//
// Library: tests
// Package: plugin
//
// presenter::Request refuses a request's fields in the language the request asks for ("lang"),
// through the catalog errors.<lang>.properties; English when it asks for none or for one there
// are no messages for. Objects inside a request speak its language.
//

#define BOOST_TEST_MODULE plugin_request_messages
#include <boost/test/unit_test.hpp>

#include "sfe/presenter/Request.h"
#include "sfe/runtime/Error.h"

#include "sfe.h"

#include <functional>
#include <string>

namespace {

/// The message of the SFE_INVALID error `read` throws.
std::string refusal(const std::function<void()>& read)
{
    try
    {
        read();
    }
    catch (const sfe::runtime::Error& e)
    {
        BOOST_TEST(e.status() == SFE_INVALID);
        return e.message();
    }
    BOOST_FAIL("nothing was refused");
    return "";
}

using sfe::presenter::Request;

} // namespace

BOOST_AUTO_TEST_CASE(english_without_lang)
{
    const std::string json = R"({"level": "three"})";
    BOOST_TEST(refusal([&] { Request("show", json).string("code"); }) == "show: 'code' is required");
    BOOST_TEST(refusal([&] { Request("show", json).optInt("level"); }) == "show: 'level' must be an integer");
    BOOST_TEST(refusal([&] { Request("show", json).allowOnly({"code"}); }) == "show: unknown field 'level'");
    const std::string french = R"({"lang": "fr", "code": ""})";
    BOOST_TEST(refusal([&] { Request("show", french).string("code"); }) == "show: 'code' must not be empty");
}

BOOST_AUTO_TEST_CASE(german_with_lang_de)
{
    const std::string json = R"({"lang": "de", "level": "three", "note": "a\u0007b", "flag": 1})";
    BOOST_TEST(refusal([&] { Request("show", json).string("code"); }) == "show: 'code' fehlt, ist aber erforderlich");
    BOOST_TEST(refusal([&] { Request("show", json).optInt("level"); }) == "show: 'level' muss eine ganze Zahl sein");
    BOOST_TEST(refusal([&] {
                   Request("show", json).allowOnly({"code", "note", "flag"});
               }) == "show: unbekanntes Feld 'level'");
    BOOST_TEST(refusal([&] { Request("show", json).optBool("flag"); }) == "show: 'flag' muss true oder false sein");
    BOOST_TEST(
        refusal([&] { Request("show", json).optText("note"); }).find("show: 'note' enthält das Steuerzeichen ") == 0u);
    BOOST_TEST(refusal([&] { Request("show", R"({"lang": "de-DE", "code": 3})").string("code"); }) ==
               "show: 'code' muss eine Zeichenkette sein");
    BOOST_TEST(refusal([&] { Request("show", R"({"lang": "de", "code": "a", "code": "b"})"); }) ==
               "show: 'code' ist doppelt angegeben");
    BOOST_TEST(Request("show", json).language() == "de");
}

BOOST_AUTO_TEST_CASE(objects_inside_speak_the_requests_language)
{
    const std::string json = R"({"lang": "de", "events": [{"learner": 7}, 3], "score": {"raw": "x"}})";
    const Request request("record", json);
    BOOST_TEST(refusal([&] { request.objects("events").at(0).string("learner"); }) ==
               "record events[0]: 'learner' muss eine Zeichenkette sein");
    BOOST_TEST(refusal([&] { request.objects("events").at(1); }) == "record: 'events[1]' muss ein Objekt sein");
    BOOST_TEST(refusal([&] { request.optObject("score")->optNumber("raw"); }) ==
               "record score: 'raw' muss eine Zahl sein");
    BOOST_TEST(refusal([&] {
                   Request("record", R"({"events": [{"learner": 7}]})").objects("events").at(0).string("learner");
               }) == "record events[0]: 'learner' must be a string");
}
