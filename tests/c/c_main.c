/* The C test program: every function (api_test.c), the vector suites
 * (vectors_test.c), then OAuth and OpenID Connect (oauth_test.c). Exits
 * non-zero when any check failed. */
#include <stdlib.h>

#include "harness.h"

int main(void) {
    run_api_tests();
    run_vector_tests();
    run_oauth_tests();
    printf("jeton C tests: %lu checks, %lu failures\n", jt_checks, jt_failures);
    return jt_failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
