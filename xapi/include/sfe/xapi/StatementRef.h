//
// StatementRef.h
//
// Library: sfe_xapi
// Package: model
//
// A reference to another Statement by its id.
//

#ifndef SFE_XAPI_STATEMENTREF_H
#define SFE_XAPI_STATEMENTREF_H

#include <string>

namespace sfe {
namespace xapi {

/// Points at an existing Statement, as the object of a voiding Statement or as context.statement.
struct StatementRef
{
    std::string id; ///< UUID of the referenced Statement
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENTREF_H
