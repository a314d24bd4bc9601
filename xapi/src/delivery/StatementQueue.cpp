//
// StatementQueue.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  StatementQueue
//
// The narrow interface through which OutboxSender reads and settles the statements waiting for the LRS.
//

#include "sfe/xapi/delivery/StatementQueue.h"

namespace sfe::xapi::delivery {

StatementQueue::~StatementQueue() = default;

} // namespace sfe::xapi::delivery
