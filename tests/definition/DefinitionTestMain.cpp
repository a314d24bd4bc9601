//
// DefinitionTestMain.cpp
//
// Definition tests: the Boost.Test module. Suites: model, reader, bad_files, canonical,
// screening, seed_fidelity, threads.
//

#define BOOST_TEST_MODULE sfe_definition
#include <boost/test/unit_test.hpp>
