//
// main.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The entry point of the `sfia-evidence` CLI.
//

#include "HostApplication.h"

POCO_APP_MAIN(sfe::host::HostApplication)
