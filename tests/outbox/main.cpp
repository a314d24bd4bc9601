//
// main.cpp
//
// Project: sfia-evidence, tests/outbox
//
// Delivery of the plugin's outbox to the real test LRS: exactly once, through outages, crashes and
// rejections. Each test case is its own ctest test (see CMakeLists.txt).
//

#define BOOST_TEST_MODULE sfe_outbox
#include <boost/test/unit_test.hpp>
