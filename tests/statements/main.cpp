#define BOOST_TEST_MODULE sfe_statements
#include <boost/test/unit_test.hpp>
