//
// UserFile.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The web host's users: ids, roles and password hashes in one file.
//

#ifndef SFE_HOST_WEB_USERFILE_H
#define SFE_HOST_WEB_USERFILE_H

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace host {
namespace web {

/// One person who may log in to `serve`: the id the plugin knows them by (their LMS id), the
/// plugin roles they hold, and their password hash (PasswordHash).
struct User
{
    std::string id;
    std::vector<std::string> roles;
    std::string passwordHash;

    bool holds(const std::string& role) const;
};

/// The users file of `users add` and `serve --users`: JSON lines, one user per line,
///   {"id": "anna.schmidt", "roles": ["learner"], "password": "pbkdf2-sha256$310000$SALT$HASH"}
/// Blank lines and lines starting with # are skipped. The file holds password hashes, so it is
/// written with mode 0600, never through a symbolic link, and replaced atomically (a new file in
/// the same folder, renamed over the old one), so a server reading it never sees half a file.
class UserFile
{
public:
    static const std::vector<std::string>& roles();
    /// The roles a user may hold: learner, assessor, admin, auditor (the plugin's).

    static bool validId(const std::string& id);
    /// Non-empty, at most 255 bytes, no control characters, spaces or quotes: what a login
    /// form and an LMS id can both carry.

    explicit UserFile(std::string path);

    void load();
    /// Reads the file; a missing file is an empty one. Throws InputException
    /// ("FILE:LINE: problem") for a line that is not a user, ConfigurationException when the
    /// file is a symbolic link, not a regular file, or readable by others than its owner.

    void save() const;
    /// Writes all users (mode 0600) and replaces the file atomically. Throws OutputException
    /// when the path is a symbolic link or the file cannot be written.

    bool put(const User& user);
    /// Adds `user`, or replaces the user with the same id; returns true when it replaced one.

    std::optional<User> find(const std::string& id) const;

    const std::vector<User>& users() const { return _users; }
    const std::string& path() const { return _path; }

private:
    std::string _path;
    std::vector<User> _users;
};

}
}
} // namespace sfe::host::web

#endif
