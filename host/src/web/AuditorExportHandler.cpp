//
// AuditorExportHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /auditor/export: the plugin's audit bundle as one zip download.
//

#include "web/AuditorExportHandler.h"

#include "sfe/i18n/Messages.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace sfe {
namespace host {
namespace web {

namespace {

/// A folder of the system's temporary directory that only this process's user can enter
/// (mkdtemp: a fresh name, mode 0700), removed with all it holds when it goes out of scope.
class PrivateFolder
{
public:
    PrivateFolder()
    {
        std::string pattern = Poco::Path(Poco::Path::temp(), "sfe-audit-export-XXXXXX").toString();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (!::mkdtemp(name.data()))
            throw Poco::CreateFileException("audit export: cannot create a temporary folder " + pattern + ": " +
                                            std::strerror(errno));
        _path = name.data();
    }

    ~PrivateFolder()
    {
        try
        {
            Poco::File(_path).remove(true);
        }
        catch (...)
        {
            // Nothing to answer any more; the folder is private to this user.
        }
    }

    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;

    std::string path(const std::string& name) const { return Poco::Path(_path, name).toString(); }

private:
    std::string _path;
};

} // namespace

void AuditorExportHandler::handle(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    if (exchange.request().getMethod() != Poco::Net::HTTPRequest::HTTP_POST)
    {
        exchange.response().set("Allow", "POST");
        refuse(exchange, 405, "method", messages.format("web.error.method"));
        return;
    }
    // WebHandler checked the CSRF token, so there is a session; the plugin decides the role.
    if (!requireLogin(exchange)) return;

    // The name says what it is and when; only [A-Za-z0-9-] so no header or path can be bent by it.
    const std::string name =
        "sfia-evidence-audit-" + Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%dT%H%M%SZ");
    PrivateFolder folder;
    const std::string bundle = folder.path(name);
    Poco::JSON::Object request;
    request.set("dir", bundle);
    exchange.context().plugin.object("audit.export", request, exchange.user(), exchange.language());

    const std::string zip = folder.path(name + ".zip");
    {
        Poco::FileOutputStream out(zip);
        Poco::Zip::Compress compress(out, true);
        compress.addRecursive(Poco::Path(bundle).makeDirectory(), Poco::Zip::ZipCommon::CL_MAXIMUM, true,
                              Poco::Path(name).makeDirectory());
        compress.close();
        out.close();
    }
    Poco::Net::HTTPServerResponse& response = exchange.response();
    response.set("Content-Disposition", "attachment; filename=\"" + name + ".zip\"");
    response.set("Cache-Control", "no-store"); // it holds personal data
    response.sendFile(zip, "application/zip");
}

}
}
} // namespace sfe::host::web
