//
// SpecVersion.h
//
// Library: sfe_xapi
// Package: model
//
// Which xAPI version statements are written and validated for.
//

#ifndef SFE_XAPI_SPECVERSION_H
#define SFE_XAPI_SPECVERSION_H

namespace sfe {
namespace xapi {

/// The xAPI version to target. 1.0.3 is what Learning Locker and most LRSs accept today;
/// 2.0.0 (IEEE 9274.1.1) adds context.contextAgents/contextGroups and a statement version "2.0.0".
enum class SpecVersion
{
    v1_0_3,
    v2_0_0
};

/// "1.0.3" or "2.0.0": the value for the X-Experience-API-Version header.
inline const char* versionString(SpecVersion version)
{
    return version == SpecVersion::v2_0_0 ? "2.0.0" : "1.0.3";
}

}
} // namespace sfe::xapi

#endif // SFE_XAPI_SPECVERSION_H
