//
// DeliveryException.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  DeliveryException
//
// The exceptions thrown by the delivery library.
//

#include "sfe/xapi/delivery/DeliveryException.h"

#include <typeinfo>

namespace sfe::xapi::delivery {

POCO_IMPLEMENT_EXCEPTION(DeliveryException, Poco::RuntimeException, "xAPI delivery error")
POCO_IMPLEMENT_EXCEPTION(LrsConfigurationException, DeliveryException, "Unusable LRS settings")
POCO_IMPLEMENT_EXCEPTION(LrsUnreachableException, DeliveryException, "LRS not reachable")
POCO_IMPLEMENT_EXCEPTION(LrsCertificateException, LrsUnreachableException, "LRS certificate not accepted")
POCO_IMPLEMENT_EXCEPTION(LrsIncompatibleException, DeliveryException, "LRS speaks no compatible xAPI version")

} // namespace sfe::xapi::delivery
