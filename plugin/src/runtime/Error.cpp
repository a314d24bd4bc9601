//
// Error.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Error.h"

#include "sfe/xapi/Utf8.h"

#include "sfe.h"

namespace sfe {
namespace runtime {

Error::Error(int status, const std::string& message, std::vector<definition::Problem> problems):
    Poco::Exception(message, status),
    _status(status),
    _problems(std::move(problems))
{}

const char* Error::statusName(int status)
{
    switch (status & 0xff)
    {
        case SFE_OK:
            return "ok";
        case SFE_INVALID:
            return "invalid";
        case SFE_NOTFOUND:
            return "notFound";
        case SFE_CONFLICT:
            return "conflict";
        case SFE_STORE:
            return "store";
        case SFE_MISUSE:
            return "misuse";
        case SFE_CONFIG:
            return "config";
        case SFE_ABI:
            return "abi";
        case SFE_NETWORK:
            return "network";
        case SFE_BUSY:
            return "busy";
        case SFE_FORBIDDEN:
            return "forbidden";
        default:
            return "error";
    }
}

const char* Error::name() const noexcept
{
    return statusName(_status);
}
const char* Error::className() const noexcept
{
    return typeid(*this).name();
}
Poco::Exception* Error::clone() const
{
    return new Error(*this);
}
void Error::rethrow() const
{
    throw *this;
}

std::string Error::printable(const std::string& text, std::size_t maxBytes)
{
    std::string out;
    std::size_t offset = 0;
    while (offset < text.size())
    {
        if (out.size() >= maxBytes)
        {
            out += "...";
            break;
        }
        const std::size_t start = offset;
        std::uint32_t codePoint = 0;
        if (xapi::Utf8::decode(text, offset, codePoint) && !xapi::Utf8::isControl(codePoint))
            out.append(text, start, offset - start);
        else
        {
            out += '?';
            offset = start + 1;
        }
    }
    return out;
}

Error Error::invalid(const std::string& message)
{
    return Error(SFE_INVALID, message);
}
Error Error::notFound(const std::string& message)
{
    return Error(SFE_NOTFOUND, message);
}
Error Error::conflict(const std::string& message)
{
    return Error(SFE_CONFLICT, message);
}
Error Error::config(const std::string& message)
{
    return Error(SFE_CONFIG, message);
}
Error Error::misuse(const std::string& message)
{
    return Error(SFE_MISUSE, message);
}
Error Error::forbidden(const std::string& message)
{
    return Error(SFE_FORBIDDEN, message);
}

}
} // namespace sfe::runtime
