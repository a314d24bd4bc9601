//
// ConnectionStringTest.cpp
//
// Library: tests
// Package: store
//
// store.url as operators write it (libpq key=value pairs or a postgresql:// URI) reaches Poco's
// PostgreSQL connector in the one form it parses, and its password never shows in what the plugin
// prints.
//

#define BOOST_TEST_MODULE store_connection_string
#include <boost/test/unit_test.hpp>

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Secrets.h"
#include "sfe/runtime/Settings.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>
#include "sfe/store/Database.h"

#include "sfe.h"

#include <string>

using sfe::store::Database;

namespace {

/// The status and message toKeyValues() refuses `url` with.
std::pair<int, std::string> refusal(const std::string& url)
{
    try
    {
        Database::toKeyValues(url);
    }
    catch (const sfe::runtime::Error& e)
    {
        return {e.status(), e.message()};
    }
    return {SFE_OK, ""};
}

} // namespace

BOOST_AUTO_TEST_CASE(key_value_pairs_are_passed_with_single_spaces)
{
    BOOST_TEST(Database::toKeyValues("host=db.lms  port=5432\tdbname=lms user=sfe") ==
               "host=db.lms port=5432 dbname=lms user=sfe");
    BOOST_TEST(Database::toKeyValues(" host = db dbname='lms' ") == "host=db dbname=lms");
    BOOST_TEST(refusal("host=db password='it\\'s' dbname=x").first == SFE_CONFIG,
               "a quote in a value must be refused, not passed on cut short");
}

BOOST_AUTO_TEST_CASE(uris_become_key_value_pairs)
{
    BOOST_TEST(Database::toKeyValues("postgresql://sfe:s3cret@db.lms:5433/lms?sslmode=require&connect_timeout=5") ==
               "host=db.lms port=5433 user=sfe password=s3cret dbname=lms sslmode=require connect_timeout=5");
    BOOST_TEST(Database::toKeyValues("postgres://sfe@db/lms") == "host=db user=sfe dbname=lms");
    BOOST_TEST(Database::toKeyValues("postgresql://sfe:p%40ss@db/lms") == "host=db user=sfe password=p@ss dbname=lms");
}

BOOST_AUTO_TEST_CASE(what_the_connector_cannot_take_is_refused_without_the_password)
{
    auto [status, message] = refusal("host=db password='a secret' dbname=lms");
    BOOST_TEST(status == SFE_CONFIG);
    BOOST_TEST(message.find("store.url") == 0, message);
    BOOST_TEST(message.find("secret") == std::string::npos, message);

    std::tie(status, message) = refusal("postgresql://sfe:top%20secret@db/lms");
    BOOST_TEST(status == SFE_CONFIG);
    BOOST_TEST(message.find("secret") == std::string::npos, message);

    std::tie(status, message) = refusal("just words");
    BOOST_TEST(status == SFE_CONFIG);
    BOOST_TEST(message.find("position 0") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(redaction_hides_passwords_in_both_forms)
{
    BOOST_TEST(sfe::runtime::redactSecrets("host=db password=s3cret dbname=lms") == "host=db password=*** dbname=lms");
    BOOST_TEST(sfe::runtime::redactSecrets("host=db PASSWORD = 'a b' dbname=lms") ==
               "host=db PASSWORD = *** dbname=lms");
    BOOST_TEST(sfe::runtime::redactSecrets("postgresql://sfe:s3cret@db/lms") == "postgresql://sfe:***@db/lms");
    BOOST_TEST(sfe::runtime::redactSecrets("postgresql://sfe@db/lms") == "postgresql://sfe@db/lms");
    BOOST_TEST(sfe::runtime::redactSecrets("lrs.url: 'htp://lrs:k3y@lrs.example' is not") ==
               "lrs.url: 'htp://***@lrs.example' is not");
}

BOOST_AUTO_TEST_CASE(redaction_hides_user_info_in_mistyped_urls_too)
{
    using sfe::runtime::redactSecrets;
    // An LRS key is a secret as much as its password; a mistyped URL still carries both.
    for (const std::string url :
         {"https://lrsuser:S3CRET@lrs.example/xapi", "htps://S3CRET@lrs.example", "lrsuser:S3CRET@lrs.example/xapi",
          "//lrsuser:S3CRET@lrs.example/xapi", "https:lrsuser:S3CRET@lrs.example",
          "https://lrsuser:S3C/RET@lrs.example/x", "https://lrsuser:S3C@RET@lrs.example/x",
          "https://lrsuser:S3CRET@lrs.exa mple/x", "postgresql://sfe:S3C@RET@db/lms", "postgresql://sfe:S3C/RET@db/lms",
          "host=db password=S3C@RET dbname=lms", "host=db password='S3C RET@x' user=sfe"})
    {
        const std::string shown = redactSecrets("lrs.url: '" + url + "' is not an absolute http(s) URL");
        BOOST_TEST(shown.find("S3C") == std::string::npos, url + " -> " + shown);
        BOOST_TEST(shown.find("RET") == std::string::npos, url + " -> " + shown);
        if (url.rfind("postgres", 0) != 0) BOOST_TEST(shown.find("lrsuser") == std::string::npos, url + " -> " + shown);
    }
    BOOST_TEST(redactSecrets("at https://key:S3CRET@lrs.example/xapi/statements: refused") ==
               "at https://***@lrs.example/xapi/statements: refused");
    BOOST_TEST(redactSecrets("postgresql://sfe:S3C@RET@db/lms") == "postgresql://sfe:***@db/lms");
    BOOST_TEST(redactSecrets("https://lrs.example/xapi") == "https://lrs.example/xapi");
}

BOOST_AUTO_TEST_CASE(a_store_that_cannot_be_reached_is_named_without_its_password)
{
    // Nothing listens on port 1: the open fails, and the message names the store, redacted.
    try
    {
        Database db(Database::Options{"postgresql", "host=127.0.0.1 port=1 user=sfe password=s3cret dbname=x", 100});
        BOOST_FAIL("opened a store on port 1");
    }
    catch (const sfe::runtime::Error& e)
    {
        BOOST_TEST(e.status() == SFE_STORE);
        BOOST_TEST(e.message().find("s3cret") == std::string::npos, e.message());
        BOOST_TEST(e.message().find("password=***") != std::string::npos, e.message());
    }
}

BOOST_AUTO_TEST_CASE(a_bad_lrs_url_is_refused_without_its_credentials)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    for (const std::string url : {"htp://lrs:k3y@lrs.example/xapi", "https://lrs:k3y@/xapi"})
    {
        config->setString("lrs.url", url);
        try
        {
            sfe::runtime::Settings::from(*config);
            BOOST_FAIL("accepted " + url);
        }
        catch (const sfe::runtime::Error& e)
        {
            BOOST_TEST(e.status() == SFE_CONFIG);
            BOOST_TEST(e.message().find("lrs.url") == 0, e.message());
            BOOST_TEST(e.message().find("k3y") == std::string::npos, e.message());
        }
    }
}
