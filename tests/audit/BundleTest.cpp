//
// BundleTest.cpp
//
// An auditor follows the exported bundle's README (its verify.sh: POSIX sh, awk, sha256sum and
// openssl only): the bundle verifies, and each kind of tampering with it is named.
//

#include "TestHost.h"

#include "sfe.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

std::string read(const std::string& path)
{
    Poco::FileInputStream in(path);
    std::string s;
    Poco::StreamCopier::copyToString(in, s);
    return s;
}

void write(const std::string& path, const std::string& bytes)
{
    Poco::FileOutputStream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

struct Exported: TestPlugin
{
    std::string bundle;

    Exported()
    {
        const std::string keys = Poco::Path(dir(), "keys").toString();
        ok("keys.generate", "{\"dir\":\"" + keys + "\"}");
        runtime.reset();
        host.settings().setString("audit.signing_key", Poco::Path(keys, "signing-key.pem").toString());
        host.settings().setString("audit.signing_cert", Poco::Path(keys, "signing-cert.pem").toString());
        host.settings().setString("audit.checkpoint_every", "4");
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"Kurs, \"eins\"","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        for (int i = 0; i < 5; ++i)
        {
            ok("attest", "{\"learner\":\"u" + std::to_string(i) +
                             "\",\"assessor\":\"a\",\"responsibility\":\"CSMG-3.2\",\"note\":\"50% \\\\ gut\\n\"}");
            ok("complete", "{\"learner\":\"u" + std::to_string(i) + "\",\"activity\":\"Kurs, \\\"eins\\\"\"}");
        }
        bundle = Poco::Path(dir(), "bundle").toString();
        auto r = ok("audit.export", "{\"dir\":\"" + bundle + "\"}");
        BOOST_TEST_REQUIRE(r->getValue<int>("checkpoints") >= 2);
    }

    /// Runs every ```sh block of the bundle's README, in the bundle, with sh; returns the exit
    /// status and puts stdout and stderr into `output`.
    int followReadme(std::string& output)
    {
        std::string script, line;
        std::istringstream readme(read(Poco::Path(bundle, "README.md").toString()));
        bool inBlock = false;
        while (std::getline(readme, line))
        {
            if (line == "```sh") inBlock = true;
            else if (line == "```") inBlock = false;
            else if (inBlock) script += line + "\n";
        }
        BOOST_TEST_REQUIRE(script.find("verify.sh") != std::string::npos);
        Poco::Pipe out;
        Poco::ProcessHandle ph = Poco::Process::launch("/bin/sh", {"-c", script}, bundle, nullptr, &out, &out);
        Poco::PipeInputStream in(out);
        Poco::StreamCopier::copyToString(in, output);
        return ph.wait();
    }

    /// Rewrites SHA256SUMS as an attacker would after changing a file.
    void resum()
    {
        Poco::Pipe out;
        Poco::ProcessHandle ph = Poco::Process::launch(
            "/bin/bash",
            {"-c", "grep -v '  SHA256SUMS$' SHA256SUMS | cut -c67- | xargs sha256sum > S && mv S SHA256SUMS"}, bundle,
            nullptr, &out, &out);
        BOOST_TEST_REQUIRE(ph.wait() == 0);
    }
};

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bundle)

BOOST_FIXTURE_TEST_CASE(the_bundle_verifies_with_standard_tools, Exported)
{
    std::string output;
    BOOST_TEST(followReadme(output) == 0, output);
    BOOST_TEST(contains(output, "files OK"), output);
    BOOST_TEST(contains(output, "chain OK: 10 entries"), output);
    BOOST_TEST(contains(output, "SHA256SUMS: signature OK"), output);
    BOOST_TEST(contains(output, "checkpoints: 3 verified"), output);
    BOOST_TEST(contains(output, "records OK: 10 in the log, evidence.csv and evidence.json"), output);
    BOOST_TEST(contains(output, "statements: 10 as logged"), output);
    BOOST_TEST(contains(output, "bundle OK"), output);
    const std::string statements = read(Poco::Path(bundle, "statements.json").toString());
    BOOST_TEST(contains(statements, "\"verb\""));
}

BOOST_FIXTURE_TEST_CASE(a_changed_file_fails_the_checksums, Exported)
{
    const std::string csv = Poco::Path(bundle, "evidence.csv").toString();
    write(csv, Poco::replace(read(csv), std::string(",demonstrated,"), std::string(",partial,")));
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "evidence.csv: FAILED"), output);
}

BOOST_FIXTURE_TEST_CASE(a_changed_log_entry_breaks_the_chain, Exported)
{
    const std::string contents = Poco::Path(bundle, "log/contents.txt").toString();
    std::string text = read(contents);
    const auto second = text.find('\n') + 1;
    text.replace(text.find("\"level\":3", second), 9, "\"level\":4");
    write(contents, text);
    resum();
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "entry 2 (record "), output);
    BOOST_TEST(contains(output, "content does not match content_sha256"), output);
}

BOOST_FIXTURE_TEST_CASE(a_rewritten_chain_fails_the_signed_checkpoints, Exported)
{
    // Drop the last entry and keep everything else consistent: the chain verifies, but the
    // checkpoint signed over the full head no longer matches it.
    const std::string contents = Poco::Path(bundle, "log/contents.txt").toString();
    const std::string chain = Poco::Path(bundle, "log/chain.tsv").toString();
    auto dropLast = [](std::string s) {
        s.pop_back();
        return s.substr(0, s.rfind('\n') + 1);
    };
    write(contents, dropLast(read(contents)));
    write(chain, dropLast(read(chain)));
    resum();
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "chain OK: 9 entries"), output);
    BOOST_TEST(contains(output, "checkpoint at entry 10: the chain differs from the signed one"), output);
}

BOOST_FIXTURE_TEST_CASE(a_forged_checkpoint_fails_its_signature, Exported)
{
    const std::string checkpoints = Poco::Path(bundle, "log/checkpoints.tsv").toString();
    std::string text = read(checkpoints);
    text[text.rfind('.') + 5] = text[text.rfind('.') + 5] == 'A' ? 'B' : 'A';
    write(checkpoints, text);
    resum();
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "signature does not verify"), output);
}

// Issue 9: an outcome changed in evidence.csv and evidence.json with SHA256SUMS recomputed passed
// all four README blocks; the records are now compared with the log.
BOOST_FIXTURE_TEST_CASE(a_record_edited_in_csv_and_json_with_sums_recomputed_is_caught, Exported)
{
    const std::string csv = Poco::Path(bundle, "evidence.csv").toString();
    const std::string json = Poco::Path(bundle, "evidence.json").toString();
    write(csv, Poco::replace(read(csv), std::string(",demonstrated,"), std::string(",not-demonstrated,")));
    write(json, Poco::replace(read(json), std::string("\"outcome\":\"demonstrated\""),
                              std::string("\"outcome\":\"not-demonstrated\"")));
    resum();
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "files OK"), output); // the sums were recomputed...
    BOOST_TEST(contains(output, "SHA256SUMS.sig: the signature over SHA256SUMS does not verify"), output);
    // ...and, signature apart, the records no longer match what the log recorded.
    BOOST_TEST(contains(output, ": outcome is \"not-demonstrated\", the log says \"demonstrated\""), output);
    BOOST_TEST(contains(output, "FAILED: evidence.csv: record "), output);
    BOOST_TEST(contains(output, "FAILED: evidence.json: record "), output);
    BOOST_TEST(contains(output, "bundle FAILED"), output);
}

BOOST_FIXTURE_TEST_CASE(an_edited_statement_is_caught, Exported)
{
    const std::string statements = Poco::Path(bundle, "statements.json").toString();
    write(statements,
          Poco::replace(read(statements), std::string("\"name\":\"u3\""), std::string("\"name\":\"mallory\"")));
    resum();
    std::string output;
    BOOST_TEST(followReadme(output) == 1, output);
    BOOST_TEST(contains(output, "its body is not the one the log binds"), output);
}

BOOST_FIXTURE_TEST_CASE(the_bundle_holds_its_certificate_and_only_its_owner_reads_it, Exported)
{
    BOOST_TEST(Poco::File(Poco::Path(bundle, "signing-cert.pem").toString()).exists());
    BOOST_TEST(Poco::File(Poco::Path(bundle, "SHA256SUMS.sig").toString()).exists());
    Poco::Pipe out;
    Poco::ProcessHandle ph = Poco::Process::launch(
        "/bin/sh", {"-c", "find . -type f ! -perm 600 -o -type d ! -perm 700"}, bundle, nullptr, &out, &out);
    Poco::PipeInputStream in(out);
    std::string wrong;
    Poco::StreamCopier::copyToString(in, wrong);
    BOOST_TEST(ph.wait() == 0);
    BOOST_TEST(wrong.empty(), "not 0600/0700: " << wrong);
}

BOOST_FIXTURE_TEST_CASE(an_export_without_the_certificate_is_refused, TestPlugin)
{
    const std::string keys = Poco::Path(dir(), "keys").toString();
    ok("keys.generate", "{\"dir\":\"" + keys + "\"}");
    runtime.reset();
    host.settings().setString("audit.signing_key", Poco::Path(keys, "signing-key.pem").toString());
    ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
    ok("attest", R"({"learner":"u","assessor":"a","responsibility":"CSMG-3.2"})");
    ok("audit.checkpoint");
    auto r = call("audit.export", "{\"dir\":\"" + Poco::Path(dir(), "bundle").toString() + "\"}");
    BOOST_TEST(r.status == SFE_CONFIG);
    BOOST_TEST(contains(r.json, "audit.signing_cert"), r.json);
    BOOST_TEST(!Poco::File(Poco::Path(dir(), "bundle").toString()).exists());
}

BOOST_AUTO_TEST_SUITE_END()
