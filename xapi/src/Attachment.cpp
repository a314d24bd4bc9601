//
// Attachment.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/Attachment.h"

namespace sfe {
namespace xapi {

const std::string Attachment::kSignatureUsageType = "http://adlnet.gov/expapi/attachments/signature";

}
} // namespace sfe::xapi
