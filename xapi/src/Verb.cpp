//
// Verb.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/Verb.h"

namespace sfe {
namespace xapi {

const std::string Verb::kVoided = "http://adlnet.gov/expapi/verbs/voided";

}
} // namespace sfe::xapi
