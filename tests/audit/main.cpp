#define BOOST_TEST_MODULE sfe_audit
#include <boost/test/unit_test.hpp>
