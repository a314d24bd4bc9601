//
// UserFile.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The web host's users: ids, roles and password hashes in one file.
//

#include "web/UserFile.h"

#include "Exceptions.h"
#include "web/PasswordHash.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sfe {
namespace host {
namespace web {

namespace {

std::string systemError(const std::string& what, const std::string& path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

User parseLine(const std::string& line, const std::string& where)
{
    Poco::JSON::Object::Ptr object;
    try
    {
        object = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    }
    catch (const Poco::Exception& e)
    {
        throw InputException(where + ": not a JSON object: " + e.displayText());
    }
    User user;
    if (!object->has("id") || !object->get("id").isString())
        throw InputException(where + ": \"id\" is missing or not a string");
    user.id = object->getValue<std::string>("id");
    if (!UserFile::validId(user.id)) throw InputException(where + ": \"id\" is not a valid user id");
    const Poco::JSON::Array::Ptr roles = object->getArray("roles");
    if (!roles || roles->size() == 0) throw InputException(where + ": \"roles\" is missing or empty");
    for (std::size_t i = 0; i < roles->size(); ++i)
    {
        const std::string role = roles->get(i).toString();
        const auto& known = UserFile::roles();
        if (std::find(known.begin(), known.end(), role) == known.end())
            throw InputException(where + ": unknown role \"" + role + "\" (learner, assessor, admin, auditor)");
        user.roles.push_back(role);
    }
    if (!object->has("password") || !PasswordHash::wellFormed(object->getValue<std::string>("password")))
        throw InputException(where + ": \"password\" is missing or not a pbkdf2-sha256 hash of at least 200000 "
                                     "iterations (set it again with users add)");
    user.passwordHash = object->getValue<std::string>("password");
    for (const auto& name : object->getNames())
    {
        if (name != "id" && name != "roles" && name != "password")
            throw InputException(where + ": unknown member \"" + name + "\"");
    }
    return user;
}

} // namespace

bool User::holds(const std::string& role) const
{
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const std::vector<std::string>& UserFile::roles()
{
    static const std::vector<std::string> names{"learner", "assessor", "admin", "auditor"};
    return names;
}

bool UserFile::validId(const std::string& id)
{
    if (id.empty() || id.size() > 255) return false;
    for (const unsigned char c : id)
    {
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\\') return false;
    }
    return true;
}

UserFile::UserFile(std::string path):
    _path(std::move(path))
{}

void UserFile::load()
{
    _users.clear();
    struct stat status
    {};
    if (::lstat(_path.c_str(), &status) != 0)
    {
        if (errno == ENOENT) return;
        throw ConfigurationException(systemError("users file", _path));
    }
    if (S_ISLNK(status.st_mode)) throw ConfigurationException("users file " + _path + " is a symbolic link");
    if (!S_ISREG(status.st_mode)) throw ConfigurationException("users file " + _path + " is not a regular file");
    if (status.st_mode & (S_IRWXG | S_IRWXO))
    {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
        throw ConfigurationException("users file " + _path + " is open to others (mode " + mode +
                                     "); it holds password hashes: chmod 600 " + _path);
    }
    std::ifstream in(_path, std::ios::binary);
    if (!in) throw ConfigurationException(systemError("cannot read users file", _path));
    std::string line;
    int number = 0;
    while (std::getline(in, line))
    {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        User user = parseLine(line, _path + ":" + std::to_string(number));
        if (find(user.id))
            throw InputException(_path + ":" + std::to_string(number) + ": user \"" + user.id +
                                 "\" is already named on an earlier line");
        _users.push_back(std::move(user));
    }
}

void UserFile::save() const
{
    struct stat status
    {};
    if (::lstat(_path.c_str(), &status) == 0 && S_ISLNK(status.st_mode))
        throw OutputException("users file " + _path + " is a symbolic link; not writing through it");

    std::ostringstream text;
    text << "# sfia-evidence users (users add): one JSON object per line: id, roles, PBKDF2-SHA256 password hash\n";
    for (const auto& user : _users)
    {
        Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
        object.set("id", user.id);
        Poco::JSON::Array roles;
        for (const auto& role : user.roles) roles.add(role);
        object.set("roles", roles);
        object.set("password", user.passwordHash);
        object.stringify(text);
        text << '\n';
    }
    const std::string content = text.str();

    // A new file beside the old one (O_EXCL: never an existing file or a link someone planted),
    // written and flushed, then renamed over it: readers see the old file or the new one.
    Poco::Path target(_path);
    const std::string temporary =
        Poco::Path(target.parent(), "." + target.getFileName() + ".new-" + std::to_string(::getpid())).toString();
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw OutputException(systemError("cannot create", temporary));
    bool written = ::fchmod(fd, 0600) == 0; // whatever the umask
    for (std::size_t done = 0; written && done < content.size();)
    {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) written = false;
        else done += static_cast<std::size_t>(n);
    }
    written = written && ::fsync(fd) == 0;
    const std::string failure = written ? std::string() : systemError("cannot write", temporary);
    ::close(fd);
    if (!written || ::rename(temporary.c_str(), _path.c_str()) != 0)
    {
        const std::string message = written ? systemError("cannot replace", _path) : failure;
        ::unlink(temporary.c_str());
        throw OutputException(message);
    }
}

bool UserFile::put(const User& user)
{
    for (auto& existing : _users)
    {
        if (existing.id == user.id)
        {
            existing = user;
            return true;
        }
    }
    _users.push_back(user);
    return false;
}

std::optional<User> UserFile::find(const std::string& id) const
{
    for (const auto& user : _users)
    {
        if (user.id == id) return user;
    }
    return std::nullopt;
}

}
}
} // namespace sfe::host::web
