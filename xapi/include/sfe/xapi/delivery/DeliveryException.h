//
// DeliveryException.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  DeliveryException
//
// The exceptions thrown by the delivery library.
//

#ifndef SFE_XAPI_DELIVERY_DELIVERYEXCEPTION_H
#define SFE_XAPI_DELIVERY_DELIVERYEXCEPTION_H

#include <Poco/Exception.h>

namespace sfe::xapi::delivery {

POCO_DECLARE_EXCEPTION(, DeliveryException, Poco::RuntimeException)
/// Base of the delivery library's exceptions. Messages never contain credentials.

POCO_DECLARE_EXCEPTION(, LrsConfigurationException, DeliveryException)
/// The LRS settings are unusable: an endpoint that is not an http(s) URL, an unreadable CA file.

POCO_DECLARE_EXCEPTION(, LrsUnreachableException, DeliveryException)
/// The LRS did not answer (network error, timeout, TLS failure) or answered with an unexpected status.

POCO_DECLARE_EXCEPTION(, LrsCertificateException, LrsUnreachableException)
/// The TLS handshake failed on the LRS's certificate (an unknown CA, a self-signed certificate,
/// an expired one, another host's). Unlike other failures to reach the LRS, retrying will not
/// help: it is a configuration problem (the client needs the CA in lrs.ca_file, or the LRS a
/// certificate its clients trust), and callers should report it as one.

POCO_DECLARE_EXCEPTION(, LrsIncompatibleException, DeliveryException)
/// The LRS answered GET /about but lists no xAPI version compatible with the one we speak.

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_DELIVERYEXCEPTION_H
