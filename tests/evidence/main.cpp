#define BOOST_TEST_MODULE sfe_evidence
#include <boost/test/unit_test.hpp>
